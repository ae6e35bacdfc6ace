package dev.conveyor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time a process has used, read from {@code /proc/<pid>/stat}. */
final class ProcessCpu {

  /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
  private static final double MILLIS_PER_TICK = 10.0;

  private ProcessCpu() {}

  /** Returns the user and system CPU milliseconds of the process so far, or -1 where unknown. */
  static double millis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name, in parentheses, may hold spaces: count fields after its end.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long userTicks = Long.parseLong(fields[11]);
      long systemTicks = Long.parseLong(fields[12]);
      return (userTicks + systemTicks) * MILLIS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
