package dev.conveyor.workflow.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one check of a bundle request, beside {@link JobRequestValidator}, which it applies to every
 * part: each part's own errors are named {@code parts[i].field}, the bundle's shared fields by
 * their name. On top it checks what makes a bundle: 1 to {@value BundleRequest#MAX_PARTS} parts,
 * distinct names, {@code uses} naming other parts of the bundle, and no cycle. The bundle workflow
 * applies it to what it runs, the Java client and the REST API before they reach Temporal.
 */
public final class BundleRequestValidator {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  /** The fields of a part; every other field of a part's job request is the bundle's. */
  private static final Set<String> PART_FIELDS =
      Set.of("requirements", "outputKind", "language", "jsonSchema", "qaCriteria", "maxQaAttempts");

  private BundleRequestValidator() {}

  /** Returns the errors of a bundle request, empty when it is valid. */
  public static List<FieldError> validate(BundleRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      errors.add(new FieldError("request", "is required"));
      return errors;
    }
    List<BundlePart> parts = request.parts();
    if (parts == null || parts.isEmpty()) {
      errors.add(
          new FieldError("parts", "is required: 1 to " + BundleRequest.MAX_PARTS + " parts"));
      return errors;
    }
    if (parts.size() > BundleRequest.MAX_PARTS) {
      errors.add(
          new FieldError(
              "parts",
              "has "
                  + parts.size()
                  + " parts, at most "
                  + BundleRequest.MAX_PARTS
                  + " are allowed"));
      return errors;
    }
    Integer revisions = request.maxRevisions();
    if (revisions != null && (revisions < 0 || revisions > JobRequestValidator.MAX_REVISIONS)) {
      errors.add(
          new FieldError(
              "maxRevisions", "must be between 0 and " + JobRequestValidator.MAX_REVISIONS));
    }
    Integer consistency = request.maxConsistencyAttempts();
    if (consistency != null
        && (consistency < 0 || consistency > BundleRequest.MAX_CONSISTENCY_ATTEMPTS)) {
      errors.add(
          new FieldError(
              "maxConsistencyAttempts",
              "must be between 0 and " + BundleRequest.MAX_CONSISTENCY_ATTEMPTS));
    }
    Map<String, Integer> names = checkNames(errors, parts);
    checkParts(errors, request);
    checkUses(errors, parts, names);
    checkCycles(errors, parts, names);
    return errors;
  }

  /**
   * Returns the errors of a decision on a bundle with these parts, empty when it is well formed:
   * the reviewer and comment as for a job, and each part sent back named once, with a comment the
   * job store can keep. Whether it is in turn only the bundle can tell.
   */
  public static List<FieldError> validate(BundleDecision decision, List<String> partNames) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null) {
      errors.add(new FieldError("decision", "is required"));
      return errors;
    }
    errors.addAll(JobRequestValidator.validate(decision.asReviewDecision()));
    if (decision.action() == DecisionAction.APPROVE && !decision.parts().isEmpty()) {
      errors.add(new FieldError("parts", "is only for REJECT: an approval takes every part"));
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < decision.parts().size(); i++) {
      PartRejection rejection = decision.parts().get(i);
      String field = "parts[" + i + "]";
      String part = rejection == null ? null : rejection.part();
      if (part == null || !partNames.contains(part)) {
        errors.add(
            new FieldError(
                field + ".part",
                "is "
                    + (part == null ? "null" : "\"" + part + "\"")
                    + ", which names no part of the bundle: one of "
                    + partNames));
      } else if (!seen.add(part)) {
        errors.add(new FieldError(field + ".part", "names \"" + part + "\" twice"));
      }
      ReviewDecision comment =
          new ReviewDecision(
              DecisionAction.REJECT,
              decision.reviewer(),
              rejection == null ? null : rejection.comment(),
              null);
      JobRequestValidator.validate(comment).stream()
          .filter(error -> error.field().equals("comment"))
          .forEach(error -> errors.add(new FieldError(field + ".comment", error.message())));
    }
    return errors;
  }

  /** Checks each part's name; returns the index of each valid name's first part. */
  private static Map<String, Integer> checkNames(List<FieldError> errors, List<BundlePart> parts) {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      BundlePart part = parts.get(i);
      String field = "parts[" + i + "]";
      if (part == null) {
        errors.add(new FieldError(field, "is required"));
        continue;
      }
      String name = part.name();
      if (name == null || name.isBlank()) {
        errors.add(new FieldError(field + ".name", "is required"));
      } else if (name.length() > BundlePart.MAX_NAME || !NAME.matcher(name).matches()) {
        errors.add(
            new FieldError(
                field + ".name",
                "must be 1 to "
                    + BundlePart.MAX_NAME
                    + " lower-case letters, digits and dashes, starting with a letter"));
      } else if (names.containsKey(name)) {
        errors.add(
            new FieldError(
                field + ".name",
                "is \"" + name + "\", the name of parts[" + names.get(name) + "] already"));
      } else {
        names.put(name, i);
      }
    }
    return names;
  }

  /** Applies the job request check to each part with the bundle's shared fields. */
  private static void checkParts(List<FieldError> errors, BundleRequest request) {
    Set<FieldError> shared = new LinkedHashSet<>();
    for (int i = 0; i < request.parts().size(); i++) {
      BundlePart part = request.parts().get(i);
      if (part == null) {
        continue;
      }
      for (FieldError error : JobRequestValidator.validate(part.jobRequest(request, null))) {
        String root = error.field().replaceFirst("\\[.*", "");
        if (PART_FIELDS.contains(root)) {
          errors.add(new FieldError("parts[" + i + "]." + error.field(), error.message()));
        } else {
          shared.add(error);
        }
      }
    }
    errors.addAll(shared);
  }

  /**
   * Checks what each part uses: other parts of the bundle, named once. Every part may use TEXT
   * parts (a CODE part contains their text, a TEXT or IMAGE part's prompt carries it); only an HTML
   * part uses IMAGE parts, which it embeds; no part uses a CODE part.
   */
  private static void checkUses(
      List<FieldError> errors, List<BundlePart> parts, Map<String, Integer> names) {
    for (int i = 0; i < parts.size(); i++) {
      BundlePart part = parts.get(i);
      if (part == null || part.uses().isEmpty()) {
        continue;
      }
      String field = "parts[" + i + "].uses";
      Set<String> seen = new LinkedHashSet<>();
      for (int k = 0; k < part.uses().size(); k++) {
        String used = part.uses().get(k);
        String usedField = field + "[" + k + "]";
        Integer index = used == null ? null : names.get(used);
        if (index == null) {
          errors.add(
              new FieldError(
                  usedField,
                  "is "
                      + (used == null ? "null" : "\"" + used + "\"")
                      + ", which names no part of the bundle: one of "
                      + names.keySet().stream().sorted().toList()));
        } else if (index == i) {
          errors.add(new FieldError(usedField, "names the part itself"));
        } else if (!seen.add(used)) {
          errors.add(new FieldError(usedField, "names \"" + used + "\" twice"));
        } else {
          checkUsedKind(errors, usedField, part, parts.get(index));
        }
      }
    }
  }

  private static void checkUsedKind(
      List<FieldError> errors, String field, BundlePart user, BundlePart used) {
    if (used.outputKind() == OutputKind.CODE) {
      errors.add(
          new FieldError(
              field,
              "names the CODE part \"" + used.name() + "\": a part uses TEXT and IMAGE parts"));
    } else if (used.outputKind() == OutputKind.IMAGE && user.outputKind() != OutputKind.CODE) {
      errors.add(
          new FieldError(
              field,
              "names the IMAGE part \""
                  + used.name()
                  + "\": TEXT and IMAGE parts use TEXT parts only, whose text their prompt"
                  + " carries"));
    } else if (used.outputKind() == OutputKind.IMAGE
        && CodeLanguage.of(user.language()) != CodeLanguage.HTML) {
      errors.add(
          new FieldError(
              field, "names the IMAGE part \"" + used.name() + "\", which only html can embed"));
    }
  }

  /** Reports each cycle of {@code uses} once, at the first part on it. */
  private static void checkCycles(
      List<FieldError> errors, List<BundlePart> parts, Map<String, Integer> names) {
    Set<Integer> reported = new LinkedHashSet<>();
    for (int start = 0; start < parts.size(); start++) {
      if (reported.contains(start)) {
        continue;
      }
      List<Integer> cycle = cycleFrom(start, parts, names, new ArrayList<>());
      if (cycle != null) {
        reported.addAll(cycle);
        List<String> path = new ArrayList<>();
        cycle.forEach(index -> path.add(parts.get(index).name()));
        path.add(parts.get(start).name());
        errors.add(
            new FieldError(
                "parts[" + start + "].uses", "forms a cycle: " + String.join(" -> ", path)));
      }
    }
  }

  /** Returns the parts on a path from {@code start} back to itself, or null when there is none. */
  private static List<Integer> cycleFrom(
      int start, List<BundlePart> parts, Map<String, Integer> names, List<Integer> path) {
    int current = path.isEmpty() ? start : path.get(path.size() - 1);
    if (path.isEmpty()) {
      path.add(start);
    }
    BundlePart part = parts.get(current);
    if (part == null) {
      return null;
    }
    for (String used : part.uses()) {
      Integer next = used == null ? null : names.get(used);
      if (next == null || next == current) {
        continue;
      }
      if (next == start) {
        return List.copyOf(path);
      }
      if (path.contains(next)) {
        continue;
      }
      path.add(next);
      List<Integer> found = cycleFrom(start, parts, names, path);
      if (found != null) {
        return found;
      }
      path.remove(path.size() - 1);
    }
    return null;
  }
}
