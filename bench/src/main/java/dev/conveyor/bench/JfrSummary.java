package dev.conveyor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says the CPU and the allocations went, read with the JDK's own {@link
 * RecordingFile}. Each CPU sample ({@code jdk.ExecutionSample}) counts for the package group of its
 * first frame outside the JDK (a {@code LinkedList.remove} called by the test server counts for the
 * test server), and each group names its hottest top frame. Each allocation sample ({@code
 * jdk.ObjectAllocationSample}) weighs its bytes for the first method outside the JDK and the class
 * it allocated; samples in the benchmark's own code ({@value #HARNESS}) are left out of the
 * allocation sites, since a thread's first sample also weighs what it allocated before the
 * recording started.
 */
final class JfrSummary {

  /** Package prefixes that name a group, most specific first; others group by two segments. */
  static final List<String> GROUPS =
      List.of(
          "io.temporal.internal.testservice",
          "io.temporal.internal.worker",
          "io.temporal.internal.replay",
          "io.temporal.internal.statemachines",
          "io.temporal.internal.sync",
          "io.temporal.internal.activity",
          "io.temporal.internal.client",
          "io.temporal.serviceclient",
          "io.temporal.common.converter",
          "io.temporal.api",
          "io.temporal",
          "io.grpc.netty.shaded.io.netty",
          "io.grpc",
          "io.netty",
          "dev.conveyor.bench",
          "dev.conveyor",
          "org.postgresql",
          "com.zaxxer.hikari",
          "org.springframework",
          "com.fasterxml.jackson",
          "com.google.protobuf",
          "java.util.concurrent",
          "java.util",
          "java.lang",
          "java.io",
          "java.nio",
          "sun.nio",
          "jdk.internal",
          "jdk.jfr");

  /** The benchmark's own package: its CPU shows as a group of its own, never as Conveyor's. */
  static final String HARNESS = "dev.conveyor.bench";

  private static final List<String> JDK_PACKAGES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  /**
   * A frame of a stack trace.
   *
   * @param className the fully qualified class name
   * @param method the method name
   */
  record Frame(String className, String method) {

    /** Returns {@code SimpleClass.method}, short enough for a table cell. */
    String shortName() {
      String simple = className.substring(className.lastIndexOf('.') + 1);
      return simple + "." + method;
    }

    boolean inJdk() {
      return JDK_PACKAGES.stream().anyMatch(className::startsWith);
    }
  }

  /**
   * One line of a summary.
   *
   * @param key the group or site
   * @param weight its samples or bytes
   * @param share its share of the whole, 0 to 1
   * @param detail the hottest frame within the group, or null
   */
  record Share(String key, long weight, double share, String detail) {}

  private final Map<String, Long> cpuByGroup = new HashMap<>();
  private final Map<String, Map<String, Long>> cpuByGroupAndFrame = new HashMap<>();
  private final Map<String, Long> allocationBySite = new HashMap<>();
  private long cpuSamples;
  private long allocatedBytes;

  /** Reads a recording. */
  static JfrSummary read(Path file) {
    JfrSummary summary = new JfrSummary();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample")) {
          summary.cpuSample(frames(event.getStackTrace()));
        } else if (type.equals("jdk.ObjectAllocationSample")) {
          RecordedClass allocated = event.getClass("objectClass");
          summary.allocationSample(
              frames(event.getStackTrace()),
              allocated == null ? "?" : allocated.getName(),
              event.getLong("weight"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return summary;
  }

  /** Counts one CPU sample; its frames top first. */
  void cpuSample(List<Frame> frames) {
    if (frames.isEmpty()) {
      return;
    }
    Frame top = frames.get(0);
    Frame attributed = attributed(frames);
    String group = group(attributed.className());
    String detail =
        top.equals(attributed) ? top.shortName() : top.shortName() + " < " + attributed.shortName();
    cpuSamples++;
    cpuByGroup.merge(group, 1L, Long::sum);
    cpuByGroupAndFrame.computeIfAbsent(group, g -> new HashMap<>()).merge(detail, 1L, Long::sum);
  }

  /** Weighs one allocation sample; its frames top first. */
  void allocationSample(List<Frame> frames, String allocatedClass, long bytes) {
    if (frames.isEmpty() || bytes <= 0) {
      return;
    }
    Frame attributed = attributed(frames);
    if (attributed.className().startsWith(HARNESS + ".")) {
      return;
    }
    String simple = allocatedClass.substring(allocatedClass.lastIndexOf('.') + 1);
    String site = attributed.shortName() + " (" + simple + ")";
    allocatedBytes += bytes;
    allocationBySite.merge(site, bytes, Long::sum);
  }

  /** Returns the CPU samples counted. */
  long cpuSamples() {
    return cpuSamples;
  }

  /** Returns the bytes the allocation samples stand for. */
  long allocatedBytes() {
    return allocatedBytes;
  }

  /** Returns the hottest groups, each with its hottest frame. */
  List<Share> hottestGroups(int count) {
    List<Share> top = top(cpuByGroup, cpuSamples, count);
    List<Share> named = new ArrayList<>();
    for (Share share : top) {
      Map<String, Long> frames = cpuByGroupAndFrame.get(share.key());
      Map.Entry<String, Long> hottest =
          frames.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      String detail =
          String.format("%s %.0f%%", hottest.getKey(), 100.0 * hottest.getValue() / cpuSamples);
      named.add(new Share(share.key(), share.weight(), share.share(), detail));
    }
    return named;
  }

  /** Returns the sites that allocated most. */
  List<Share> topAllocationSites(int count) {
    return top(allocationBySite, allocatedBytes, count);
  }

  /** Returns the hottest groups as one table cell. */
  String describeCpu(int count) {
    if (cpuSamples == 0) {
      return "no CPU samples";
    }
    return cpuSamples
        + " samples: "
        + hottestGroups(count).stream()
            .map(s -> String.format("%s %.1f%% [%s]", s.key(), 100 * s.share(), s.detail()))
            .collect(Collectors.joining("; "));
  }

  /** Returns the top allocation sites as one table cell. */
  String describeAllocations(int count) {
    if (allocatedBytes == 0) {
      return "no allocation samples";
    }
    return String.format("%.0f MB sampled: ", allocatedBytes / 1048576.0)
        + topAllocationSites(count).stream()
            .map(s -> String.format("%s %.1f%%", s.key(), 100 * s.share()))
            .collect(Collectors.joining("; "));
  }

  /** Returns the group of a class: the most specific prefix of {@link #GROUPS} it falls under. */
  static String group(String className) {
    for (String prefix : GROUPS) {
      if (className.startsWith(prefix + ".")) {
        return prefix;
      }
    }
    String[] parts = className.split("\\.");
    return parts.length > 2 ? parts[0] + "." + parts[1] : className;
  }

  /** Returns the first frame outside the JDK, or the top frame when all are the JDK's. */
  static Frame attributed(List<Frame> frames) {
    return frames.stream().filter(f -> !f.inJdk()).findFirst().orElse(frames.get(0));
  }

  private static List<Share> top(Map<String, Long> weights, long total, int count) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    weights.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(count)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    List<Share> shares = new ArrayList<>();
    sorted.forEach(
        (key, weight) -> shares.add(new Share(key, weight, (double) weight / total, null)));
    return shares;
  }

  private static List<Frame> frames(RecordedStackTrace stack) {
    if (stack == null) {
      return List.of();
    }
    List<Frame> frames = new ArrayList<>();
    for (RecordedFrame frame : stack.getFrames()) {
      if (frame.getMethod() != null && frame.getMethod().getType() != null) {
        frames.add(new Frame(frame.getMethod().getType().getName(), frame.getMethod().getName()));
      }
    }
    return frames;
  }
}
