package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;

/**
 * The offline coder. It reads a coding brief and writes small, real code in its language that
 * parses and meets the brief's checks: an HTML section with a heading, the texts it must include
 * and the images it must embed; a JSON document valid against the given schema, or with the fields
 * the requirements name; a SQL query over the tables and columns they name; a Java record or class
 * with the name and fields they give. It answers in a Markdown fence, as real models do. The same
 * brief always gives the same code.
 */
public final class OfflineCodeWriter implements ChatModel {

  private final Duration latency;

  /** Creates the coder; each call takes the given simulated time. */
  public OfflineCodeWriter(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    OfflineModels.simulateLatency(latency);
    CodeBrief brief = CodeBrief.read(Briefs.userText(request));
    String code = write(brief);
    String answer = "```" + brief.language().id() + "\n" + code + "\n```";
    return OfflineModels.response(
        OfflineModels.CODE_WRITER, OfflineModels.inputText(request), answer);
  }

  /** Writes the code of a brief, without a fence. */
  static String write(CodeBrief brief) {
    return switch (brief.language()) {
      case HTML -> OfflineHtml.write(brief);
      case JSON -> OfflineJson.write(brief);
      case SQL -> OfflineSql.write(brief);
      case JAVA -> OfflineJava.write(brief);
    };
  }
}
