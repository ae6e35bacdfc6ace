package dev.conveyor.starter.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses to start a starter that would serve a non-loopback address ({@code server.address} unset,
 * {@code 0.0.0.0}, or a network interface's address) while a development credential is configured,
 * unless {@code conveyor.security.allow-dev-credentials-on-network} is true. The shipped
 * configuration binds 127.0.0.1, so a local start is never refused.
 */
final class DevCredentialsGuard {

  static final String ADDRESS_SETTING = "server.address";
  static final String OVERRIDE_SETTING = "conveyor.security.allow-dev-credentials-on-network";

  private DevCredentialsGuard() {}

  /**
   * Checks the address the starter serves against its credentials and returns the guard that
   * passed.
   *
   * @param address the value of {@code server.address}, null or blank for every interface
   * @throws DevCredentialsExposedException when a development credential would be reachable
   */
  static DevCredentialsGuard check(
      String address, ConveyorSecurityProperties security, PasswordEncoder encoder) {
    if (security.allowDevCredentialsOnNetwork() || isLoopback(address)) {
      return new DevCredentialsGuard();
    }
    List<String> credentials = DevelopmentCredentials.configuredIn(security, encoder);
    if (credentials.isEmpty()) {
      return new DevCredentialsGuard();
    }
    String served =
        address == null || address.isBlank()
            ? ADDRESS_SETTING + " is unset (every interface)"
            : ADDRESS_SETTING + "=" + address.strip() + " is not loopback";
    throw new DevCredentialsExposedException(
        "conveyor-starter: refusing to start: "
            + served
            + " and "
            + String.join(", ", credentials)
            + " is a development credential; configure your own, set "
            + ADDRESS_SETTING
            + "=127.0.0.1, or set "
            + OVERRIDE_SETTING
            + "=true");
  }

  /** Returns whether an address is the loopback interface; unset means every interface. */
  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A development credential on a reachable address: start-up stops with one line. */
  static final class DevCredentialsExposedException extends IllegalStateException {
    DevCredentialsExposedException(String message) {
      super(message);
    }
  }
}
