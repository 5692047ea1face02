package dev.fakeguru.benchmarks;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering a flame graph of a JVM-shaped profile (thread-state counters, so several counter views)
 * as HTML, as SVG, and as a differential graph of two profiles of the same service, against the
 * baseline of encoding the same profile as agent JSON with {@link ProfileCodec} in the same run.
 * {@code frames=1000} and {@code 10000} show that the cost grows linearly. {@link #main} prints the
 * HTML's size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class FlameGraphBenchmark {
  private static final Instant START = Instant.parse("2026-01-12T09:55:00Z");

  @Param({"1000", "10000"})
  public int frames;

  private final ProfileCodec codec = ProfileCodec.defaults();
  private Profile profile;
  private Profile baseline;

  @Setup
  public void setUp() {
    profile = profile(frames, 7);
    baseline = profile(frames, 8);
  }

  /** Every frame of a {@code frames}-node service tree, with random thread-state counts. */
  static Profile profile(int frames, long seed) {
    return Profiles.sample(Profiles.shape(42, frames), seed, 1.0, "", START, Duration.ofMinutes(5));
  }

  /** The baseline: the same profile encoded as the agent's JSON. */
  @Benchmark
  public byte[] encodeJson() {
    return codec.encode(profile, ProfileFormat.JSON);
  }

  /** The self-contained HTML page. */
  @Benchmark
  public String html() {
    return FlameGraph.of(profile).toHtml();
  }

  /** The plain SVG. */
  @Benchmark
  public String svg() {
    return FlameGraph.of(profile).toSvg();
  }

  /** The differential page of two profiles of the same service. */
  @Benchmark
  public String differentialHtml() {
    return FlameGraph.differential(baseline, profile).toHtml();
  }

  /** Prints the sizes of the HTML, SVG and JSON for 1,000 and 10,000 frames. */
  public static void main(String[] args) {
    for (int frames : new int[] {1_000, 10_000}) {
      Profile p = profile(frames, 7);
      System.out.printf(
          "%,d frames: HTML %,d B, SVG %,d B, differential HTML %,d B, agent JSON %,d B%n",
          frames,
          FlameGraph.of(p).toHtml().getBytes(StandardCharsets.UTF_8).length,
          FlameGraph.of(p).toSvg().getBytes(StandardCharsets.UTF_8).length,
          FlameGraph.differential(profile(frames, 8), p)
              .toHtml()
              .getBytes(StandardCharsets.UTF_8)
              .length,
          ProfileCodec.defaults().encode(p, ProfileFormat.JSON).length);
    }
  }
}
