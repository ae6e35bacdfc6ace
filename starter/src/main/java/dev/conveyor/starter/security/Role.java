package dev.conveyor.starter.security;

import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The roles of Conveyor's users and services. */
public enum Role {
  /** May submit jobs and read them. */
  SUBMITTER,
  /** May read jobs and decide on them. */
  REVIEWER,
  /** May do everything, cancelling jobs included. */
  ADMIN;

  /** Returns the Spring Security authority of this role, {@code ROLE_REVIEWER} style. */
  public GrantedAuthority authority() {
    return new SimpleGrantedAuthority("ROLE_" + name());
  }

  /** Returns the role a name denotes, whatever its case, or empty for an unknown name. */
  public static Optional<Role> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.startsWith("ROLE_")) {
      upper = upper.substring("ROLE_".length());
    }
    for (Role role : values()) {
      if (role.name().equals(upper)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
