package dev.conveyor.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Latency samples in nanoseconds, summarized by nearest-rank percentiles. */
public final class Percentiles {

  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  /** Returns the summary of the given samples, in nanoseconds. */
  public static Percentiles of(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] copy = nanos.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  /** Returns the nearest-rank percentile, for example 50 or 99, in milliseconds. */
  public double millis(double percentile) {
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return toMillis(sorted[Math.max(rank, 1) - 1]);
  }

  /** Returns the largest sample in milliseconds. */
  public double maxMillis() {
    return toMillis(sorted[sorted.length - 1]);
  }

  /** Returns how many samples there are. */
  public int count() {
    return sorted.length;
  }

  static double toMillis(long nanos) {
    return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
