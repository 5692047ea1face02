package dev.fakeguru.benchmarks;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.management.ObjectName;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.PostAgentProfileRequest;

/**
 * Retained heap of the fake holding 10,000 stored profiles, against the sum of their raw bytes
 * (target ≤ 2×). Not a JMH benchmark: a main that measures used heap after full collections.
 *
 * <pre>
 * java -Xmx6g -XX:+UseG1GC -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.RetainedHeap [profiles] [repetitions]
 * java -Xmx6g -XX:+UseG1GC -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.RetainedHeap 1k-disjoint-hourly [repetitions]
 * </pre>
 *
 * <p>The first argument is the number of posts of the mix below, or the name of a data set of
 * {@link GetProfileBenchmark} (its bodies, posted in its order: {@code 1k-disjoint-hourly} is the
 * worst case, no two posts sharing a frame). {@code -Dhistogram=N} prints the N largest classes of
 * the live heap after the last repetition; {@code -Dread=true} reads the last 7 days once after the
 * posts of each repetition, before measuring.
 *
 * <p>Method: all request bodies are generated first and kept by this program for the whole run, so
 * they are part of both measurements. Then, per repetition: settle the heap ({@link #usedAfterGc},
 * {@code System.gc()} until used heap stops shrinking), read used heap; post every body through the
 * SDK (PostAgentProfile, a fresh profileToken each); settle and read again. The difference is what
 * the fake retains. {@code fake.reset()} then frees it for the next repetition. The error of one
 * reading is estimated from the spread of readings of an unchanged heap (printed as "noise").
 *
 * <p>The mix (deterministic): 60% Python agent posts (the three recorded fixtures, 2.4–5 KB), 30%
 * small JVM agent posts (~400 frames, ~25 KB), 10% full JVM agent posts (~2,000 frames, ~140 KB);
 * starts spread over the 7 days before the fake's clock, 5 posts per 5-minute bucket on average.
 *
 * <p>For the breakdown it also measures what the same bodies cost decoded ({@code List<Profile>},
 * as the journal holds them).
 */
public final class RetainedHeap {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  static final Instant NOW = Instant.parse("2026-01-12T10:00:00Z");

  /**
   * {@code -Dread=true}: read the last 7 days once after posting, so that what reads keep while
   * memory allows (soft references, which a full collection without memory pressure keeps) counts.
   */
  private static final boolean READ = Boolean.getBoolean("read");

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "10000";
    boolean dataset = !what.chars().allMatch(Character::isDigit);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;

    List<byte[]> bodies = dataset ? dataset(what) : mix(Integer.parseInt(what));
    int count = bodies.size();
    long raw = bodies.stream().mapToLong(b -> b.length).sum();
    System.out.printf(
        "%s: %,d profiles, %,d raw JSON bytes (%.1f MiB), mean %,d bytes%n",
        dataset ? what : "mix", count, raw, raw / 1048576.0, raw / count);

    long[] noise = new long[5];
    long base = usedAfterGc();
    for (int i = 0; i < noise.length; i++) {
      noise[i] = usedAfterGc() - base;
    }
    long noiseMax = 0;
    for (long n : noise) {
      noiseMax = Math.max(noiseMax, Math.abs(n));
    }
    System.out.printf(
        "noise: readings of an unchanged heap differ by up to %,d bytes (%.4f x raw)%n",
        noiseMax, noiseMax / (double) raw);

    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(dataset ? GetProfileBenchmark.NOW : NOW))
                .profilingGroup("bench-app")
                // the data sets of GetProfileBenchmark may hold more than the default
                .maxAggregatedNodes(dataset ? Long.MAX_VALUE : 2_000_000)
                // the journal keeps every body (the mix is more than the default 256 MiB)
                .maxRecordedBytes(Long.MAX_VALUE)
                .start();
        CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
      List<PostAgentProfileRequest> requests = new ArrayList<>(count);
      for (byte[] b : bodies) {
        requests.add(
            PostAgentProfileRequest.builder()
                .profilingGroupName("bench-app")
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArrayUnsafe(b))
                .build());
      }
      client.postAgentProfile(requests.get(0)); // warm the connection pool, then forget it
      fake.reset();
      List<Double> ratios = new ArrayList<>();
      for (int rep = 1; rep <= reps; rep++) {
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        for (PostAgentProfileRequest r : requests) {
          client.postAgentProfile(r);
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        if (fake.profilePosts().size() != count || !fake.unexpectedCalls().isEmpty()) {
          throw new IllegalStateException("not every post was stored: " + fake.unexpectedCalls());
        }
        if (READ) {
          Instant now = dataset ? GetProfileBenchmark.NOW : NOW;
          fake.aggregatedProfile("bench-app", now.minus(Duration.ofDays(7)), now).orElseThrow();
        }
        long after = usedAfterGc();
        double ratio = (after - before) / (double) raw;
        ratios.add(ratio);
        System.out.printf(
            "rep %d: fake retains %,d bytes = %.2f x raw (posted in %d s)%n",
            rep, after - before, ratio, seconds);
        if (rep == reps) {
          printHistogram();
        }
        fake.reset();
      }
      double min = ratios.stream().mapToDouble(d -> d).min().orElseThrow();
      double max = ratios.stream().mapToDouble(d -> d).max().orElseThrow();
      double mean = ratios.stream().mapToDouble(d -> d).average().orElseThrow();
      System.out.printf(
          "RESULT fake retained / raw: mean %.2f x (min %.2f, max %.2f over %d reps)%n",
          mean, min, max, reps);
    }

    // Breakdown: the decoded profiles alone (the journal keeps one per post).
    long before = usedAfterGc();
    List<Profile> decoded = new ArrayList<>(count);
    ProfileCodec codec = ProfileCodec.defaults();
    for (byte[] b : bodies) {
      decoded.add(codec.decode(b, ProfileFormat.JSON));
    }
    long after = usedAfterGc();
    System.out.printf(
        "breakdown: %,d decoded Profiles retain %,d bytes = %.2f x raw%n",
        decoded.size(), after - before, (after - before) / (double) raw);
    System.out.println(
        "(one copy of the raw bodies, kept in each RecordedProfilePost, is 1.00 x raw by definition)");
  }

  /**
   * With {@code -Dhistogram=N}: the N largest classes of the live heap (the JVM's own class
   * histogram, through its diagnostic command MBean), to see what dominates what is retained.
   */
  static void printHistogram() throws Exception {
    int top = Integer.getInteger("histogram", 0);
    if (top <= 0) {
      return;
    }
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    String[] lines = histogram.split("\n");
    for (int i = 0; i < Math.min(lines.length, top + 2); i++) {
      System.out.println("  " + lines[i]);
    }
    System.out.println("  " + lines[lines.length - 1].trim());
  }

  /**
   * The bodies {@link GetProfileBenchmark} posts for one of its data sets (for example {@code
   * 1k-disjoint-hourly}), in the same order: uncompressed JSON.
   */
  static List<byte[]> dataset(String name) {
    GetProfileBenchmark.Dataset d = GetProfileBenchmark.Dataset.parse(name);
    Profiles.Shape shape = Profiles.shape(1, d.serviceFrames());
    Instant start = GetProfileBenchmark.DATA_START;
    Instant end = GetProfileBenchmark.DATA_END;
    Instant edgeHourEnd = start.plus(Duration.ofHours(1));
    Instant lastHourStart = end.minus(Duration.ofHours(1));
    List<byte[]> out = new ArrayList<>();
    int n = 0;
    for (Instant t = start; t.isBefore(end); ) {
      boolean fine = d.every5Minutes() || t.isBefore(edgeHourEnd) || !t.isBefore(lastHourStart);
      Profile p =
          Profiles.sample(
              shape,
              t.getEpochSecond(),
              GetProfileBenchmark.Dataset.KEEP,
              d.disjoint() ? "p" + n + "." : "",
              t,
              Duration.ofMinutes(5));
      out.add(Profiles.json(p));
      n++;
      t = t.plus(fine ? Duration.ofMinutes(5) : Duration.ofHours(1));
    }
    return out;
  }

  /** Used heap after full collections, once it stops shrinking. */
  static long usedAfterGc() throws InterruptedException {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(50);
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used >= last - 64 * 1024) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }

  /** The deterministic mix described in the class comment. */
  static List<byte[]> mix(int count) {
    byte[][] python = {
      fixture("python-agent-profile-1.body"),
      fixture("python-agent-profile-2.body"),
      fixture("python-agent-profile-3-after-errors.body")
    };
    Profiles.Shape service = Profiles.shape(1, 2_000);
    SplittableRandom rnd = new SplittableRandom(2024);
    Instant from = NOW.minus(Duration.ofDays(7));
    long span = Duration.ofDays(7).toSeconds();
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant start = from.plusSeconds(rnd.nextLong(span - 600));
      int kind = rnd.nextInt(10);
      if (kind < 6) {
        out.add(withStart(python[i % 3], start));
      } else {
        double keep = kind < 9 ? 0.06 : 1.0;
        out.add(Profiles.json(Profiles.sample(service, i, keep, "", start, Duration.ofMinutes(5))));
      }
    }
    return out;
  }

  /**
   * The Python fixture re-timed: its start and end moved to {@code start} (same length in bytes ±).
   */
  static byte[] withStart(byte[] fixture, Instant start) {
    Profile p = ProfileCodec.defaults().decode(fixture, ProfileFormat.JSON);
    long len = Duration.between(p.start(), p.end()).toMillis();
    String s =
        new String(fixture, java.nio.charset.StandardCharsets.UTF_8)
            .replace(Long.toString(p.start().toEpochMilli()), Long.toString(start.toEpochMilli()))
            .replace(
                Long.toString(p.end().toEpochMilli()), Long.toString(start.toEpochMilli() + len));
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] fixture(String name) {
    try (InputStream in = RetainedHeap.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
