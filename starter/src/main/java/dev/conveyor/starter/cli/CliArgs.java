package dev.conveyor.starter.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The arguments of one command: positional values and {@code --name value}, {@code --name=value} or
 * {@code --flag} options, checked against what the command accepts. A value that starts with {@code
 * --} must be given as {@code --name=--value}, so a forgotten value is caught.
 */
final class CliArgs {

  /** How an option takes values. */
  enum Kind {
    /** One value. */
    VALUE,
    /** One value, and the option may repeat. */
    REPEATED,
    /** No value. */
    FLAG
  }

  private final String command;
  private final List<String> positional = new ArrayList<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();

  private CliArgs(String command) {
    this.command = command;
  }

  static CliArgs parse(String command, List<String> args, Map<String, Kind> accepted)
      throws CliException {
    CliArgs parsed = new CliArgs(command);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        parsed.positional.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      Kind kind = accepted.get(name);
      if (kind == null) {
        throw CliException.usage(command + " does not take --" + name);
      }
      List<String> values = parsed.options.computeIfAbsent(name, n -> new ArrayList<>());
      if (kind != Kind.REPEATED && !values.isEmpty()) {
        throw CliException.usage("--" + name + " is given twice");
      }
      if (kind == Kind.FLAG) {
        if (equals >= 0) {
          throw CliException.usage("--" + name + " takes no value");
        }
        values.add("true");
      } else if (equals >= 0) {
        values.add(arg.substring(equals + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        values.add(args.get(++i));
      } else {
        throw CliException.usage("--" + name + " needs a value");
      }
    }
    return parsed;
  }

  /** Returns the one positional argument, such as a job id. */
  String single(String what) throws CliException {
    if (positional.isEmpty()) {
      throw CliException.usage(command + " needs " + what);
    }
    if (positional.size() > 1) {
      throw CliException.usage(command + " takes only " + what + ", not " + positional);
    }
    return positional.get(0);
  }

  void noPositional() throws CliException {
    if (!positional.isEmpty()) {
      throw CliException.usage(command + " takes no argument " + positional.get(0));
    }
  }

  String value(String name) {
    List<String> values = options.get(name);
    return values == null ? null : values.get(0);
  }

  String required(String name) throws CliException {
    String value = value(name);
    if (value == null || value.isBlank()) {
      throw CliException.usage(command + " needs --" + name);
    }
    return value;
  }

  List<String> values(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  Integer integer(String name) throws CliException {
    return parsed(name, Integer::valueOf, "a whole number");
  }

  Double decimal(String name) throws CliException {
    return parsed(name, Double::valueOf, "a number");
  }

  BigDecimal money(String name) throws CliException {
    return parsed(name, BigDecimal::new, "an amount such as 0.50");
  }

  Duration duration(String name) throws CliException {
    return parsed(name, Duration::parse, "an ISO-8601 duration such as PT1H");
  }

  Instant instant(String name) throws CliException {
    return parsed(name, Instant::parse, "an ISO-8601 instant such as 2026-03-01T00:00:00Z");
  }

  /** Returns the option's value read by {@code parser}, null when the option is absent. */
  private <T> T parsed(String name, Function<String, T> parser, String expected)
      throws CliException {
    String value = value(name);
    try {
      return value == null ? null : parser.apply(value.trim());
    } catch (NumberFormatException | DateTimeParseException e) {
      throw CliException.usage("--" + name + " must be " + expected + ", not '" + value + "'");
    }
  }

  <E extends Enum<E>> E choice(String name, Class<E> type) throws CliException {
    String value = value(name);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name());
      }
      throw CliException.usage(
          "--" + name + " must be one of " + String.join(", ", names) + ", not '" + value + "'");
    }
  }
}
