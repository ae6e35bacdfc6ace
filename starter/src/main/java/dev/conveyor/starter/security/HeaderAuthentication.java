package dev.conveyor.starter.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Authentication by credentials sent with each request, for the API and the codec endpoint: an
 * {@code X-API-Key} header, or a bearer JWT when a resource server is configured. No form login, no
 * CSRF token, no saved request; 401 and 403 answer JSON.
 */
final class HeaderAuthentication {

  private HeaderAuthentication() {}

  /** Applies it to a filter chain and returns the chain, for its paths and roles. */
  static HttpSecurity apply(
      HttpSecurity http, ConveyorSecurityProperties properties, ObjectProvider<JwtDecoder> jwt)
      throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(new ApiKeys(properties.apiKeys())),
            BasicAuthenticationFilter.class)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(JsonSecurityErrors.entryPoint())
                    .accessDeniedHandler(JsonSecurityErrors.accessDenied()));
    if (jwt.getIfAvailable() != null) {
      http.oauth2ResourceServer(
          server ->
              server
                  .authenticationEntryPoint(JsonSecurityErrors.entryPoint())
                  .accessDeniedHandler(JsonSecurityErrors.accessDenied())
                  .jwt(
                      j ->
                          j.jwtAuthenticationConverter(
                              SecurityConfiguration.jwtConverter(properties.jwt()))));
    }
    return http;
  }
}
