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
    long[] ticks = ticks(pid);
    return ticks == null ? -1 : (ticks[0] + ticks[1]) * MILLIS_PER_TICK;
  }

  /**
   * Returns the CPU milliseconds of a process and of all its children: its own user and system
   * time, what its children that ended and were waited for used (cutime, cstime), and the time of
   * every descendant still alive. A server that forks a process per connection, as PostgreSQL does,
   * is measured whole; -1 when the process is unknown.
   */
  static double treeMillis(long pid) {
    long[] own = ticks(pid);
    if (own == null) {
      return -1;
    }
    long total = own[0] + own[1] + own[2] + own[3];
    for (ProcessHandle child :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
      long[] ticks = ticks(child.pid());
      if (ticks != null) {
        total += ticks[0] + ticks[1] + ticks[2] + ticks[3];
      }
    }
    return total * MILLIS_PER_TICK;
  }

  /** Returns utime, stime, cutime and cstime in ticks, or null when the process is unknown. */
  static long[] ticks(long pid) {
    try {
      return parseTicks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Parses the four CPU times out of a line of {@code /proc/<pid>/stat}. */
  static long[] parseTicks(String stat) {
    // The command name, in parentheses, may hold spaces: count fields after its end.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {
      Long.parseLong(fields[11]),
      Long.parseLong(fields[12]),
      Long.parseLong(fields[13]),
      Long.parseLong(fields[14])
    };
  }
}
