package dev.conveyor.starter.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The credentials the starter ships for local use (README, Security): the API key {@value #API_KEY}
 * and the console passwords {@code reviewer-dev}, {@code submitter-dev} and {@code admin-dev}.
 * Anyone who has read the README knows them, so they must never guard a reachable address.
 */
final class DevelopmentCredentials {

  /** The development API key, an admin. */
  static final String API_KEY = "local-dev-key";

  /** The development users' passwords. */
  static final List<String> PASSWORDS = List.of("reviewer-dev", "submitter-dev", "admin-dev");

  private DevelopmentCredentials() {}

  /**
   * Returns the settings that hold a development credential, each as {@code setting (credential)},
   * empty when none does.
   */
  static List<String> configuredIn(ConveyorSecurityProperties security, PasswordEncoder encoder) {
    List<String> found = new ArrayList<>();
    String devKeyHash = ApiKeys.sha256(API_KEY);
    for (int i = 0; i < security.apiKeys().size(); i++) {
      if (devKeyHash.equalsIgnoreCase(security.apiKeys().get(i).sha256())) {
        found.add("conveyor.security.api-keys[" + i + "].sha256 (" + API_KEY + ")");
      }
    }
    for (int i = 0; i < security.users().size(); i++) {
      String encoded = security.users().get(i).password();
      for (String password : PASSWORDS) {
        if (matches(encoder, password, encoded)) {
          found.add("conveyor.security.users[" + i + "].password (" + password + ")");
        }
      }
    }
    return found;
  }

  private static boolean matches(PasswordEncoder encoder, String raw, String encoded) {
    try {
      return encoder.matches(raw, encoded);
    } catch (IllegalArgumentException unknownEncoding) {
      // A password without a known {id} prefix is refused at log-in; it is no development one.
      return false;
    }
  }
}
