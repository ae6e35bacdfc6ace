package dev.conveyor.starter.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use Conveyor, under {@code conveyor.security}.
 *
 * @param allowSelfApproval whether a reviewer may approve a job they submitted themselves (admins
 *     always may)
 * @param apiKeys the services' API keys, sent in the {@code X-API-Key} header
 * @param users the console's users, who log in with a form
 * @param jwt how roles and the principal are read from an OAuth2 JWT, when a resource server is
 *     configured
 * @param allowDevCredentialsOnNetwork whether the starter may serve a non-loopback address while a
 *     development credential (the key {@code local-dev-key}, a password such as {@code
 *     reviewer-dev}) is configured; off, it refuses to start (see {@link DevCredentialsGuard})
 */
@Validated
@ConfigurationProperties("conveyor.security")
public record ConveyorSecurityProperties(
    @DefaultValue("false") boolean allowSelfApproval,
    @DefaultValue List<@Valid ApiKey> apiKeys,
    @DefaultValue List<@Valid User> users,
    @DefaultValue @Valid Jwt jwt,
    @DefaultValue("false") boolean allowDevCredentialsOnNetwork) {

  /**
   * One service's API key. The key itself is never configured, only its SHA-256.
   *
   * @param name the principal the key authenticates: decisions and submissions record it
   * @param sha256 the lower-case hex SHA-256 of the key ({@code printf %s "$KEY" | sha256sum})
   * @param roles the key's roles
   */
  public record ApiKey(
      @NotBlank String name,
      @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (SHA-256)")
          String sha256,
      @NotEmpty Set<Role> roles) {}

  /**
   * One console user.
   *
   * @param name the login name
   * @param password the password encoded with its algorithm's prefix, {@code {bcrypt}$2a$10$...}
   * @param roles the user's roles
   */
  public record User(@NotBlank String name, @NotBlank String password, @NotEmpty Set<Role> roles) {}

  /**
   * How a JWT maps to a principal and roles.
   *
   * @param rolesClaim the claim that lists the roles (names such as {@code reviewer})
   * @param principalClaim the claim that names the principal
   */
  public record Jwt(
      @DefaultValue("roles") @NotBlank String rolesClaim,
      @DefaultValue("sub") @NotBlank String principalClaim) {}
}
