package dev.conveyor.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recording of this JVM with the JDK's {@code profile} settings (CPU sampling and
 * allocation samples), started and stopped on command. A child JVM of part 6 listens on its
 * standard input for {@code jfr-start <file>} and {@code jfr-stop}, so that one recording covers
 * exactly one level of the part, warm-up excluded, without restarting the process.
 */
final class JfrControl {

  /** The line that starts a recording, followed by the file it is written to. */
  static final String START = "jfr-start ";

  /** The line that stops the recording and writes its file. */
  static final String STOP = "jfr-stop";

  /** The line a child prints once a command has taken effect. */
  static final String DONE = "JFR_DONE";

  private Recording recording;
  private Path file;

  /** Starts a recording that {@link #stop} writes to the file. */
  synchronized void start(Path file) {
    if (recording != null) {
      stop();
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      recording = new Recording(Configuration.getConfiguration("profile"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException("the JDK's profile settings do not parse", e);
    }
    this.file = file;
    recording.start();
  }

  /** Stops the recording, if one runs, and writes its file. */
  synchronized void stop() {
    if (recording == null) {
      return;
    }
    try {
      recording.stop();
      recording.dump(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recording.close();
      recording = null;
    }
  }

  /** Obeys the commands on standard input on a daemon thread, for the life of this JVM. */
  static void listenOnStandardInput() {
    JfrControl control = new JfrControl();
    Thread listener =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  if (line.startsWith(START)) {
                    control.start(Path.of(line.substring(START.length()).strip()));
                  } else if (line.equals(STOP)) {
                    control.stop();
                  } else {
                    continue;
                  }
                  System.out.println(DONE);
                  System.out.flush();
                }
              } catch (IOException e) {
                // The parent closed the pipe: nothing more to record.
              }
            },
            "jfr-control");
    listener.setDaemon(true);
    listener.start();
  }
}
