package dev.fakeguru.benchmarks;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What the first read of stored data costs, against the second read of the same range in the same
 * run: a 7-day range (days, hours and 5-minute buckets combined) and one whole day (one bucket), of
 * a data set of {@link GetProfileBenchmark}, read through the Java API right after the posts. Not a
 * JMH benchmark: each first read happens once per fake, so every repetition builds and fills a new
 * fake.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.FirstRead 1k-hourly 7
 * # an older build: its jar first on the class path
 * java -Xmx6g -cp old.jar:benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.FirstRead 1k-hourly 7
 * </pre>
 *
 * <p>Prints, per repetition, the milliseconds of the first and the second read of each range, and
 * the medians.
 */
public final class FirstRead {
  private static final String GROUP = "first-read";

  private FirstRead() {}

  public static void main(String[] args) {
    String dataset = args.length > 0 ? args[0] : "1k-hourly";
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Instant now = GetProfileBenchmark.NOW;
    Instant weekAgo = now.minus(Duration.ofDays(7));
    Instant dayStart = Instant.parse("2026-01-10T00:00:00Z");
    Instant dayEnd = dayStart.plus(Duration.ofDays(1));
    List<double[]> rows = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      try (FakeCodeGuruProfiler fake =
              FakeCodeGuruProfiler.builder()
                  .clock(SettableClock.at(now))
                  .profilingGroup(GROUP)
                  .maxAggregatedNodes(Long.MAX_VALUE)
                  .start();
          CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
        int posts = GetProfileBenchmark.Dataset.parse(dataset).populate(client, GROUP);
        double[] row = {
          millis(() -> fake.aggregatedProfile(GROUP, weekAgo, now).orElseThrow()),
          millis(() -> fake.aggregatedProfile(GROUP, weekAgo, now).orElseThrow()),
          millis(() -> fake.aggregatedProfile(GROUP, dayStart, dayEnd).orElseThrow()),
          millis(() -> fake.aggregatedProfile(GROUP, dayStart, dayEnd).orElseThrow())
        };
        rows.add(row);
        System.out.printf(
            "rep %d (%d posts): 7 days first %.1f ms, second %.2f ms; one day first %.1f ms,"
                + " second %.2f ms%n",
            r + 1, posts, row[0], row[1], row[2], row[3]);
      }
    }
    System.out.printf(
        "RESULT %s medians: 7 days first %.1f ms, second %.2f ms; one day first %.1f ms, second"
            + " %.2f ms%n",
        dataset, median(rows, 0), median(rows, 1), median(rows, 2), median(rows, 3));
  }

  private static double millis(Runnable read) {
    long t0 = System.nanoTime();
    read.run();
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(List<double[]> rows, int column) {
    double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
