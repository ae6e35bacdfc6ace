package dev.conveyor.starter.security;

import dev.conveyor.starter.security.ConveyorSecurityProperties.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries an {@value #HEADER} header: the principal is the key's
 * configured name and its authorities are the key's roles. A key that matches no configured hash is
 * answered 401 at once; a request without the header passes on unauthenticated.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

  /** A presented key that is not configured. */
  static final class InvalidApiKeyException extends AuthenticationException {
    InvalidApiKeyException() {
      super("invalid API key: the X-API-Key header matches no configured key");
    }
  }

  private final ApiKeys keys;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  ApiKeyAuthenticationFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKey> key = keys.find(presented.trim());
    if (key.isEmpty()) {
      JsonSecurityErrors.unauthorized(response, new InvalidApiKeyException().getMessage());
      return;
    }
    List<org.springframework.security.core.GrantedAuthority> authorities =
        key.get().roles().stream().map(Role::authority).toList();
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(key.get().name(), null, authorities));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }
}
