package dev.conveyor.activities.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ChainProgress;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.workflow.model.Step;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The model call's log line carries prompt and output text only when the setting asks. */
class CallRecorderTests {

  static final String REQUIREMENTS = "A slogan for a bakery that opens at dawn";

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger log = (Logger) LoggerFactory.getLogger(ModelCalls.class);

  @BeforeEach
  void capture() {
    lines.start();
    log.addAppender(lines);
  }

  @AfterEach
  void release() {
    log.detachAppender(lines);
  }

  @ParameterizedTest(name = "log content {0}")
  @ValueSource(booleans = {false, true})
  void should_log_prompt_and_output_only_when_content_logging_is_on(boolean logContent) {
    // given
    ModelRoute writer =
        ModelCatalog.create(Map.of(), OfflineSettings.defaults(), name -> null)
            .chain(Step.PROMPT)
            .get(0);
    ChatRequest request =
        ChatRequest.builder()
            .messages(SystemMessage.from("You write prompts."), UserMessage.from(REQUIREMENTS))
            .build();

    // when
    ModelCalls.chat(
        CallSite.of(Step.PROMPT),
        writer,
        ChainProgress.start(),
        new CallRecorder(null, logContent),
        request);

    // then
    ILoggingEvent line = lines.list.get(lines.list.size() - 1);
    Map<String, String> fields =
        line.getKeyValuePairs().stream()
            .collect(Collectors.toMap(pair -> pair.key, pair -> String.valueOf(pair.value)));
    assertThat(fields).containsEntry("step", "PROMPT").containsEntry("outcome", "ok");
    if (logContent) {
      assertThat(fields.get("prompt")).contains("You write prompts.", REQUIREMENTS);
      assertThat(fields.get("output")).isNotBlank();
    } else {
      assertThat(fields).doesNotContainKeys("prompt", "output");
      assertThat(line.getFormattedMessage()).doesNotContain(REQUIREMENTS);
    }
  }
}
