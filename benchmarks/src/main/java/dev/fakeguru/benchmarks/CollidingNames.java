package dev.fakeguru.benchmarks;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What frame names crafted to share one {@link String#hashCode()} cost the fake, against ordinary
 * names of the same number and length in the same run: one post through the SDK, then the first
 * read of its hour (which makes the hour's tree from the post). Not a JMH benchmark: an attack's
 * cost is a single request, so each repetition uses a fresh fake.
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.CollidingNames 15 3
 * # an older build: the harness's classes, then its jar
 * java -Xmx4g -cp benchmarks/target/classes:old.jar dev.fakeguru.benchmarks.CollidingNames 15 3
 * </pre>
 *
 * <p>Arguments: {@code bits} (2^bits names of 2 * bits characters; "Aa" and "BB" share a hash code,
 * so every such string does) and repetitions. Prints milliseconds per post and per first read for
 * both kinds of names, and the colliding / ordinary ratios of their medians.
 */
public final class CollidingNames {
  private static final String GROUP = "colliding";
  private static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  private CollidingNames() {}

  public static void main(String[] args) {
    int bits = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    byte[] colliding = body(bits, i -> crafted(i, bits));
    // The same count and length, ordinary names: "f" and the number, padded with dots.
    byte[] ordinary = body(bits, i -> String.format("f%0" + (2 * bits - 1) + "d", i));
    double[][] ms = new double[4][reps];
    for (int r = 0; r < reps; r++) {
      double[] c = postAndRead(colliding);
      double[] o = postAndRead(ordinary);
      ms[0][r] = c[0];
      ms[1][r] = c[1];
      ms[2][r] = o[0];
      ms[3][r] = o[1];
      System.out.printf(
          "rep %d: colliding post %.1f ms, first read %.1f ms; ordinary post %.1f ms, first read"
              + " %.1f ms%n",
          r + 1, c[0], c[1], o[0], o[1]);
    }
    System.out.printf(
        "RESULT %d names of %d characters (%,d and %,d bytes of JSON): colliding / ordinary,"
            + " medians: post %.2f, first read %.2f%n",
        1 << bits,
        2 * bits,
        colliding.length,
        ordinary.length,
        Stats.median(ms[0]) / Stats.median(ms[2]),
        Stats.median(ms[1]) / Stats.median(ms[3]));
  }

  private static String crafted(int i, int bits) {
    StringBuilder n = new StringBuilder();
    for (int b = 0; b < bits; b++) {
      n.append((i >> b & 1) == 0 ? "Aa" : "BB");
    }
    return n.toString();
  }

  private static byte[] body(int bits, IntFunction<String> name) {
    StringBuilder json = new StringBuilder();
    json.append("{\"start\":")
        .append(T0.toEpochMilli())
        .append(",\"end\":")
        .append(T0.plusSeconds(60).toEpochMilli())
        .append(",\"callgraph\":{\"children\":{\"main\":{\"children\":{");
    for (int i = 0; i < 1 << bits; i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(name.apply(i))
          .append("\":{\"counts\":{\"CPU\":1}}");
    }
    return json.append("}}}}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh fake: {ms of the post, ms of the first read of its hour}. */
  private static double[] postAndRead(byte[] body) {
    try (FakeCodeGuruProfiler fake =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(T0.plus(Duration.ofHours(2))))
                .profilingGroup(GROUP)
                .maxAggregatedNodes(Long.MAX_VALUE)
                .start();
        CodeGuruProfilerClient client = Sdk.client(fake.endpoint())) {
      long t0 = System.nanoTime();
      client.postAgentProfile(
          b ->
              b.profilingGroupName(GROUP)
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromByteArrayUnsafe(body)));
      long t1 = System.nanoTime();
      fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofHours(1))).orElseThrow();
      long t2 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
    }
  }
}
