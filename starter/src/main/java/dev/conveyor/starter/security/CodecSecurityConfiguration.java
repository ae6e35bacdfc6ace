package dev.conveyor.starter.security;

import dev.conveyor.starter.codec.CodecProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The codec endpoint ({@code /codec/**}) decrypts payloads, so only reviewers and admins may call
 * it: with an API key, a bearer JWT, or the session of a console login (the Temporal UI sends the
 * browser's cookies when its codec setting includes credentials). Browsers may call it from the
 * origins in {@code conveyor.codec.allowed-origins} only. It has no side effects, so it needs no
 * CSRF token; it never creates a session.
 */
@Configuration(proxyBeanMethods = false)
class CodecSecurityConfiguration {

  /** The headers the Temporal UI and CLI send to a codec server. */
  static final List<String> ALLOWED_HEADERS =
      List.of("Authorization", "Content-Type", "X-Namespace", ApiKeyAuthenticationFilter.HEADER);

  @Bean
  @Order(0)
  SecurityFilterChain codecSecurity(
      HttpSecurity http,
      ConveyorSecurityProperties properties,
      CodecProperties codec,
      ObjectProvider<JwtDecoder> jwt)
      throws Exception {
    HeaderAuthentication.apply(http.securityMatcher("/codec/**"), properties, jwt)
        .cors(cors -> cors.configurationSource(corsSource(codec.allowedOrigins())))
        // A console user's session authenticates too (the UI sends it); none is created here.
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(HttpMethod.POST, "/codec/encode", "/codec/decode")
                    .hasAnyRole(Role.REVIEWER.name(), Role.ADMIN.name())
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(List.copyOf(origins));
    cors.setAllowedMethods(List.of("POST"));
    cors.setAllowedHeaders(ALLOWED_HEADERS);
    // The UI's "include credentials" option sends the console's session cookie.
    cors.setAllowCredentials(true);
    cors.setMaxAge(600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/codec/**", cors);
    return source;
  }
}
