package dev.fakeguru.benchmarks;

import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording and writes (1) its execution samples as collapsed stacks ({@code
 * frame;frame;frame count}, root first), (2) the same stacks as a flame graph drawn by FakeGuru's
 * own {@code dev.fakeguru.flamegraph} renderer (HTML and SVG), through a {@link Profile} whose
 * {@code RUNNABLE} counter is the sample count, and (3) a contention report: {@code
 * jdk.JavaMonitorEnter} by monitor class and {@code jdk.ThreadPark} by parked-on class, each with
 * count and total blocked time, and separately those with a {@code dev.fakeguru} frame on the
 * stack.
 *
 * <pre>{@code
 * java -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.JfrStacks \
 *     run.jfr benchmarks/results/round2/junit/parallel "JUnit parallel run"
 * }</pre>
 */
public final class JfrStacks {
  private JfrStacks() {}

  /**
   * Writes {@code <prefix>.collapsed}, {@code <prefix>.html}, {@code <prefix>.svg} and prints the
   * contention report.
   *
   * @param args the recording, the output prefix, and optionally the graph's title and a thread
   *     name prefix to keep (samples of other threads are dropped)
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path recording = Path.of(args[0]);
    String prefix = args[1];
    String title = args.length > 2 ? args[2] : recording.getFileName().toString();
    String threadPrefix = args.length > 3 ? args[3] : "";
    Map<String, Long> collapsed = new TreeMap<>();
    Map<String, long[]> monitors = new TreeMap<>();
    Map<String, long[]> parks = new TreeMap<>();
    Map<String, long[]> ourMonitors = new TreeMap<>();
    Map<String, long[]> ourParks = new TreeMap<>();
    long samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      String type = e.getEventType().getName();
      switch (type) {
        case "jdk.ExecutionSample" -> {
          RecordedThread thread = e.getThread("sampledThread");
          String threadName = thread == null ? null : thread.getJavaName();
          if (threadName == null || !threadName.startsWith(threadPrefix)) {
            continue;
          }
          List<String> frames = frames(e.getStackTrace());
          if (!frames.isEmpty()) {
            collapsed.merge(String.join(";", frames), 1L, Long::sum);
            samples++;
          }
        }
        case "jdk.JavaMonitorEnter" -> {
          String cls = className(e, "monitorClass");
          add(monitors, cls, e);
          String ours = ourFrame(e.getStackTrace());
          if (ours != null) {
            add(ourMonitors, cls + " at " + ours, e);
          }
        }
        case "jdk.ThreadPark" -> {
          String cls = className(e, "parkedClass");
          add(parks, cls, e);
          String ours = ourFrame(e.getStackTrace());
          if (ours != null) {
            add(ourParks, cls + " at " + ours, e);
          }
        }
        default -> {}
      }
    }
    try (PrintWriter out =
        new PrintWriter(
            Files.newBufferedWriter(Path.of(prefix + ".collapsed"), StandardCharsets.UTF_8))) {
      collapsed.forEach((stack, count) -> out.println(stack + " " + count));
    }
    Profile.Builder profile =
        Profile.builder(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)); // times are not shown
    // JFR samples threads running Java code: RUNNABLE is the honest counter name for them.
    collapsed.forEach(
        (stack, count) -> profile.stack(CounterTypes.RUNNABLE, count, stack.split(";")));
    FlameGraph graph =
        FlameGraph.of(profile.build())
            .withTitle(title + " (" + samples + " JFR execution samples)");
    graph.writeHtml(Path.of(prefix + ".html"));
    graph.writeSvg(Path.of(prefix + ".svg"));
    System.out.printf(
        Locale.ROOT, "%d execution samples, %d distinct stacks%n", samples, collapsed.size());
    print("jdk.JavaMonitorEnter by monitor class", monitors);
    print(
        "jdk.JavaMonitorEnter with a dev.fakeguru frame (monitor class at innermost FakeGuru frame)",
        ourMonitors);
    print("jdk.ThreadPark by parked-on class", parks);
    print(
        "jdk.ThreadPark with a dev.fakeguru frame (parked-on class at innermost FakeGuru frame)",
        ourParks);
  }

  private static List<String> frames(RecordedStackTrace trace) {
    List<String> names = new ArrayList<>();
    if (trace == null) {
      return names;
    }
    for (RecordedFrame f : trace.getFrames()) {
      names.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
    }
    if (trace.isTruncated()) {
      names.add("(truncated stack)"); // cut at JFR's stackdepth: group them under one root
    }
    Collections.reverse(names); // root first
    return names;
  }

  private static String ourFrame(RecordedStackTrace trace) {
    if (trace == null) {
      return null;
    }
    for (RecordedFrame f : trace.getFrames()) { // innermost first
      String type = f.getMethod().getType().getName();
      if (type.startsWith("dev.fakeguru.") && !type.startsWith("dev.fakeguru.benchmarks.")) {
        return type + "." + f.getMethod().getName();
      }
    }
    return null;
  }

  private static String className(RecordedEvent e, String field) {
    Object c = e.hasField(field) ? e.getValue(field) : null;
    return c instanceof jdk.jfr.consumer.RecordedClass rc ? rc.getName() : "(none)";
  }

  private static void add(Map<String, long[]> into, String key, RecordedEvent e) {
    long[] v = into.computeIfAbsent(key, k -> new long[2]);
    v[0]++;
    v[1] += e.getDuration().toNanos();
  }

  private static void print(String title, Map<String, long[]> rows) {
    System.out.println();
    System.out.println(title + ":");
    if (rows.isEmpty()) {
      System.out.println("  (none)");
      return;
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(rows.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<String, long[]> r) -> r.getValue()[1]).reversed());
    for (Map.Entry<String, long[]> r : sorted) {
      System.out.printf(
          Locale.ROOT,
          "  %8d events %12.3f ms blocked  %s%n",
          r.getValue()[0],
          r.getValue()[1] / 1e6,
          r.getKey());
    }
  }
}
