package dev.conveyor.starter.api;

import dev.conveyor.starter.config.ApiProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code conveyor.api.max-body-size} with 413: at once when the
 * declared length is over, and as soon as the limit is crossed when the body comes without a length
 * (chunked). Without it a body of any size would be read into memory before validation.
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;

  BodySizeLimitFilter(ApiProperties api) {
    this.maxBytes = api.maxBodySize().toBytes();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\":\"" + message(maxBytes) + "\"}");
      return;
    }
    chain.doFilter(new LimitedRequest(request, maxBytes), response);
  }

  static String message(long maxBytes) {
    return "the request body is larger than " + maxBytes + " bytes";
  }

  /** Returns whether a body could not be read because it crossed the limit. */
  static boolean tooLarge(Throwable failure) {
    return find(failure) != null;
  }

  /** Returns the message of the limit a body crossed. */
  static String message(Throwable failure) {
    return find(failure).getMessage();
  }

  private static BodyTooLargeException find(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  /** Thrown by the counting stream when a body without a declared length crosses the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long maxBytes) {
      super(message(maxBytes));
    }
  }

  /** A request whose body stream fails once more than {@code maxBytes} have been read. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedStream(super.getInputStream(), maxBytes);
      }
      return stream;
    }
  }

  private static final class LimitedStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    LimitedStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
