package dev.conveyor.starter.cli;

import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET /api/jobs} that the options of {@code list} ask for. Values the command
 * line can check (numbers, times, stages) are checked here, so their errors name the option; the
 * REST API checks the rest and names the parameter.
 */
final class JobListQuery {

  /** The options {@code --inbox} stands for, which it therefore cannot be given with. */
  private static final List<String> INBOX = List.of("state", "stage", "order");

  private JobListQuery() {}

  static Map<String, String> of(CliArgs args) throws CliException {
    Map<String, String> query = new LinkedHashMap<>();
    if (args.flag("inbox")) {
      for (String option : INBOX) {
        if (args.value(option) != null) {
          throw CliException.usage(
              "--inbox lists the jobs awaiting a decision, longest wait first: leave out --"
                  + option);
        }
      }
      query.put("stage", Stage.AWAITING_APPROVAL.name());
      query.put("order", "oldest-awaiting");
    }
    put(query, "state", args.value("state"));
    Stage stage = args.choice("stage", Stage.class);
    put(query, "stage", stage == null ? null : stage.name());
    put(query, "tag", args.value("tag"));
    put(query, "submitter", args.value("submitter"));
    Instant createdFrom = args.instant("created-from");
    put(query, "createdFrom", createdFrom == null ? null : createdFrom.toString());
    Instant createdTo = args.instant("created-to");
    put(query, "createdTo", createdTo == null ? null : createdTo.toString());
    Duration awaitingFor = args.duration("awaiting-for");
    put(query, "awaitingFor", awaitingFor == null ? null : awaitingFor.toString());
    put(query, "order", args.value("order"));
    Integer page = args.integer("page");
    put(query, "page", page == null ? null : page.toString());
    Integer size = args.integer("size");
    put(query, "size", size == null ? null : size.toString());
    put(query, "kind", args.value("kind"));
    put(query, "bundle", args.value("bundle"));
    return query;
  }

  private static void put(Map<String, String> query, String name, String value) {
    if (value != null) {
      query.put(name, value);
    }
  }
}
