package dev.conveyor.starter.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report as the JSON error object. Tomcat answers some requests itself, before any
 * servlet or filter runs: a path with an encoded slash ({@code %2F}) or a malformed escape ({@code
 * %zz}). Its default report is an HTML page; this one writes {@code {"error": "..."}} like every
 * other error of the API.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(new ApiError(message(status))));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the response was committed: nothing more can be said.
    }
  }

  private static String message(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    String reason =
        known == null ? "error " + status : known.getReasonPhrase().toLowerCase(Locale.ROOT);
    return status == 400
        ? "bad request: the request line or URI is malformed (an encoded slash %2F, an invalid"
            + " escape, or a character not allowed in a URI)"
        : reason;
  }
}
