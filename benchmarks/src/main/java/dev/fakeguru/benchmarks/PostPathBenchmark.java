package dev.fakeguru.benchmarks;

import dev.fakeguru.internal.aggregation.ProfileAggregator;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A breakdown of what the fake does per JVM-sized post (not a target): decoding the 140 KB JSON body,
 * and adding the decoded profile to a group's aggregation (three buckets). Single-threaded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class PostPathBenchmark {
  private static final Instant START = Instant.parse("2026-01-12T09:55:00Z");

  private final ProfileCodec codec = ProfileCodec.defaults();
  private byte[] body;
  private Profile decoded;
  private ProfileAggregator aggregator;

  @Setup
  public void setUp() {
    body = Profiles.json(Profiles.jvmProfile(START));
    decoded = codec.decode(body, ProfileFormat.JSON);
    aggregator = new ProfileAggregator(Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC));
  }

  @Benchmark
  public Profile decode() {
    return codec.decode(body, ProfileFormat.JSON);
  }

  @Benchmark
  public ProfileAggregator decodeAndAggregate() {
    aggregator.add("g", codec.decode(body, ProfileFormat.JSON));
    return aggregator;
  }

  @Benchmark
  public ProfileAggregator aggregate() {
    aggregator.add("g", decoded);
    return aggregator;
  }
}
