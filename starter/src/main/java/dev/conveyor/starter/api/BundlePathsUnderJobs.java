package dev.conveyor.starter.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a bundle's reads and commands under the jobs' paths too, so that a service that follows
 * jobs by id can follow a bundle the same way: {@code GET /api/jobs/{bundleId}} (the status), its
 * {@code /output} (the zip), {@code /parts/{name}/output}, {@code /timeline}, and {@code POST
 * .../decide} and {@code .../cancel} are forwarded to {@code /api/bundles/...}, after security has
 * checked the caller on the path it asked for (and checks it again on the forwarded one). Ids of
 * jobs never start with {@value #PREFIX}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class BundlePathsUnderJobs extends OncePerRequestFilter {

  static final String PREFIX = "bundle-";

  private static final Pattern BUNDLE_PATH =
      Pattern.compile(
          "/api/jobs/("
              + PREFIX
              + "[^/]+)(/output|/parts/[^/]+/output|/decide|/cancel|/timeline)?");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/jobs/" + PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher bundle = BUNDLE_PATH.matcher(path);
    if (!bundle.matches()) {
      chain.doFilter(request, response);
      return;
    }
    String rest = bundle.group(2) == null ? "" : bundle.group(2);
    request
        .getRequestDispatcher("/api/bundles/" + bundle.group(1) + rest)
        .forward(request, response);
  }
}
