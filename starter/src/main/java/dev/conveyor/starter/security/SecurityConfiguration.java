package dev.conveyor.starter.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains. The API ({@code /api/**}) is stateless: an {@code X-API-Key} header, or a
 * bearer JWT when a resource server is configured; no session, no CSRF; 401 and 403 answer JSON.
 * Everything else is the console: form login, a session, and CSRF tokens on every form. Health and
 * Prometheus metrics stay open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String SUBMITTER = Role.SUBMITTER.name();
  private static final String REVIEWER = Role.REVIEWER.name();
  private static final String ADMIN = Role.ADMIN.name();

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, ConveyorSecurityProperties properties, ObjectProvider<JwtDecoder> jwt)
      throws Exception {
    HeaderAuthentication.apply(http.securityMatcher("/api/**"), properties, jwt)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        HttpMethod.POST, "/api/jobs", "/api/jobs/*/resubmit", "/api/bundles")
                    .hasAnyRole(SUBMITTER, ADMIN)
                    .requestMatchers(
                        HttpMethod.POST, "/api/evaluations", "/api/evaluations/*/cancel")
                    .hasAnyRole(SUBMITTER, ADMIN)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/jobs/*/approve",
                        "/api/jobs/*/reject",
                        "/api/bundles/*/decide")
                    .hasAnyRole(REVIEWER, ADMIN)
                    .requestMatchers(HttpMethod.POST, "/api/jobs/*/cancel", "/api/bundles/*/cancel")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasAnyRole(SUBMITTER, REVIEWER, ADMIN)
                    .anyRequest()
                    .hasRole(ADMIN));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/login",
                        "/console.css",
                        "/console.js",
                        "/favicon.ico",
                        "/error")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.POST, "/console/jobs/*/decision", "/console/bundles/*/decision")
                    .hasAnyRole(REVIEWER, ADMIN)
                    .requestMatchers(HttpMethod.POST, "/console/jobs/*/resubmit")
                    .hasAnyRole(SUBMITTER, ADMIN)
                    .anyRequest()
                    .hasAnyRole(SUBMITTER, REVIEWER, ADMIN))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; form-action 'self';"
                                + " frame-ancestors 'none'; base-uri 'none'")))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console", false))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
    return http.build();
  }

  /** The console's users from configuration; passwords carry their encoding's prefix. */
  @Bean
  UserDetailsService consoleUsers(ConveyorSecurityProperties properties) {
    List<UserDetails> users = new ArrayList<>();
    for (ConveyorSecurityProperties.User user : properties.users()) {
      users.add(
          User.withUsername(user.name())
              .password(user.password())
              .authorities(user.roles().stream().map(Role::authority).toList())
              .build());
    }
    return new InMemoryUserDetailsManager(users);
  }

  /** Stops start-up when a development credential would be served on a reachable address. */
  @Bean
  DevCredentialsGuard devCredentialsGuard(
      Environment environment, ConveyorSecurityProperties properties, PasswordEncoder encoder) {
    return DevCredentialsGuard.check(
        environment.getProperty(DevCredentialsGuard.ADDRESS_SETTING), properties, encoder);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Reads the principal and the roles (any case, unknown names ignored) from a JWT's claims. */
  static Converter<Jwt, AbstractAuthenticationToken> jwtConverter(
      ConveyorSecurityProperties.Jwt settings) {
    return token -> {
      Collection<GrantedAuthority> authorities = new ArrayList<>();
      Object claim = token.getClaims().get(settings.rolesClaim());
      Collection<?> names =
          claim instanceof Collection<?> list
              ? list
              : claim instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
      for (Object name : names) {
        Role.parse(String.valueOf(name)).map(Role::authority).ifPresent(authorities::add);
      }
      String principal = token.getClaimAsString(settings.principalClaim());
      return new JwtAuthenticationToken(
          token, authorities, principal == null ? token.getSubject() : principal);
    };
  }
}
