package dev.fakeguru.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of this process's threads, read from Linux's {@code /proc/self/task/<tid>/stat} and
 * grouped by kind: the thread's name with its digits dropped ({@code "GC Thread#1"} and {@code "GC
 * Thread#0"} are one kind). Ticks are the kernel's clock ticks ({@link #MS_PER_TICK}).
 */
final class ThreadCpu {
  /** The kernel's user-visible clock tick, 100 per second on every Linux this runs on. */
  static final double MS_PER_TICK = 10.0;

  private ThreadCpu() {}

  /** Each live thread's CPU ticks so far, keyed by {@code "<thread id> <kind>"}. */
  static Map<String, long[]> snapshot() throws IOException {
    Map<String, long[]> byTid = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue; // the thread ended meanwhile
        }
        // "tid (name) state ppid ...": the name may hold spaces and parentheses, so split after
        // the last ')'; utime and stime are fields 14 and 15, the 12th and 13th after it.
        int close = stat.lastIndexOf(')');
        String kind = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "#");
        String[] after = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
        byTid.put(task.getFileName() + " " + kind, new long[] {ticks});
      }
    }
    return byTid;
  }

  /** Adds each kind's ticks since {@code before} (threads born since count from zero). */
  static void addSince(Map<String, long[]> before, Map<String, Long> ticksByKind)
      throws IOException {
    for (Map.Entry<String, long[]> now : snapshot().entrySet()) {
      long[] then = before.get(now.getKey());
      long spent = now.getValue()[0] - (then == null ? 0 : then[0]);
      String kind = now.getKey().substring(now.getKey().indexOf(' ') + 1);
      ticksByKind.merge(kind, spent, Long::sum);
    }
  }
}
