package dev.fakeguru.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.internal.aggregation.ProfileAggregator;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A breakdown of what the fake does per JVM-sized post (not a target): decoding the 140 KB JSON
 * body (the public codec, and the server's streaming decode), and adding it to a group's
 * aggregation. Single-threaded. Every profile goes to the same buckets; the store is cleared after
 * each iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class PostPathBenchmark {
  private static final Instant START = Instant.parse("2026-01-12T09:55:00Z");

  private final ProfileCodec codec = ProfileCodec.defaults();
  private final JsonFactory json =
      JsonFactory.builder().disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();
  private byte[] body;
  private Profile decoded;
  private ProfileAggregator aggregator;

  /** With the fake's default node quota, as the server has it. */
  private ProfileAggregator quotaAggregator;

  @Setup
  public void setUp() {
    body = Profiles.json(Profiles.jvmProfile(START));
    decoded = codec.decode(body, ProfileFormat.JSON);
    aggregator = new ProfileAggregator(Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC));
    quotaAggregator =
        new ProfileAggregator(Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC), 2_000_000);
  }

  /**
   * The floor under any decode with Jackson: its tokens alone (field names canonicalised, as the
   * server's factory does: not interned), nothing read from them.
   */
  @Benchmark
  public int jsonTokensOnly() throws IOException {
    int tokens = 0;
    try (JsonParser p = json.createParser(body)) {
      while (p.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /** The public codec's decode, which builds the immutable profile. */
  @Benchmark
  public Profile decode() {
    return codec.decode(body, ProfileFormat.JSON);
  }

  /**
   * What the server does per post: the streaming decode, then the add (the bucket keeps the bytes).
   */
  @Benchmark
  public ProfileAggregator decodeAndAdd() {
    aggregator.add("g", PostedProfile.decode(codec.limits(), body, "application/json", null));
    return aggregator;
  }

  /**
   * The server's whole in-process path (as {@code ProfileStore.store} runs it): the streaming
   * decode, the quota and overflow pre-check, then the add, against the default node quota.
   */
  @Benchmark
  public ProfileAggregator decodeAndStore() {
    PostedProfile p = PostedProfile.decode(codec.limits(), body, "application/json", null);
    quotaAggregator.requireFits("g", p);
    quotaAggregator.add("g", p);
    return quotaAggregator;
  }

  /** The streaming decode alone. */
  @Benchmark
  public PostedProfile streamingDecode() {
    return PostedProfile.decode(codec.limits(), body, "application/json", null);
  }

  @TearDown(Level.Iteration)
  public void forget() {
    aggregator.clear();
    quotaAggregator.clear();
  }

  /** Adding an already decoded profile (the public {@code add(group, Profile)}). */
  @Benchmark
  public ProfileAggregator aggregate() {
    aggregator.add("g", decoded);
    return aggregator;
  }
}
