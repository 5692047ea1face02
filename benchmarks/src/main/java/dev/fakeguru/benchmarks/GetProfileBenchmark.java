package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileRequest;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.PostAgentProfileRequest;

/**
 * GetProfile of a 7-day range through the SDK ({@link #getProfile}), against the baseline of merely
 * serialising the same aggregate ({@link #encodeOnly}: {@code ProfileCodec.encode} of the profile
 * the fake aggregates for that range, computed once in setup). Targets: getProfile ≤ 3 × encodeOnly
 * and ≤ 50 ms; the 10×-frames dataset no worse than 10 × the 1×.
 *
 * <p>Data: the fake runs on a {@link SettableClock} at {@code 2026-01-12T10:02:30Z}; setup posts
 * agent profiles over HTTP (SDK PostAgentProfile) covering {@code 2026-01-05T10:00Z} to {@code
 * 2026-01-12T10:00Z}, and the benchmark asks for {@code [now - 7 days, now)}. That range is not
 * day-aligned, so the fake combines 6 day buckets, 23 hour buckets and 13 five-minute buckets (42).
 *
 * <p>Each posted profile is a random subset of one service's call tree ({@link Profiles#shape}), so
 * buckets overlap as real services' do and the 7-day aggregate has about as many frames as the
 * service's tree. {@code dataset}:
 *
 * <ul>
 *   <li>{@code 1k-2016}: one profile per 5-minute bucket (2,016 posts), ~1,000 frames each, from a
 *       2,000-frame service;
 *   <li>{@code 1k-hourly}: the same profiles, but only one per hour except in the two hours at the
 *       ends of the range, which keep one per 5-minute bucket (190 posts). Fewer, larger steps; the
 *       buckets GetProfile combines are the same 42, with practically the same frames. Much quicker
 *       to set up;
 *   <li>{@code 10k-hourly}: as {@code 1k-hourly} with 10 × the frames (10,000 per profile from a
 *       20,000-frame service);
 *   <li>{@code 1k-disjoint-hourly}: as {@code 1k-hourly}, but every profile's frames are its own
 *       (no two profiles share a frame), the worst case: the aggregate has ~190,000 frames.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class GetProfileBenchmark {
  static final String GROUP = "bench-app";
  static final Instant NOW = Instant.parse("2026-01-12T10:02:30Z");
  static final Instant DATA_START = Instant.parse("2026-01-05T10:00:00Z");
  static final Instant DATA_END = Instant.parse("2026-01-12T10:00:00Z");

  @Param({"1k-hourly", "10k-hourly"})
  public String dataset;

  @Param({"JSON", "ION"})
  public String format;

  private FakeCodeGuruProfiler fake;
  private CodeGuruProfilerClient client;
  private WireMockServer wireMock;
  private CodeGuruProfilerClient wireMockClient;
  private GetProfileRequest request;
  private Profile aggregate;
  private ProfileFormat profileFormat;
  private final ProfileCodec codec = ProfileCodec.defaults();
  private final Instant from = NOW.minus(Duration.ofDays(7));

  @Setup(Level.Trial)
  public void setUp() {
    fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(NOW))
            .profilingGroup(GROUP)
            // 10k-hourly holds more than the default 2,000,000 aggregated nodes
            .maxAggregatedNodes(Long.MAX_VALUE)
            .start();
    client = Sdk.client(fake.endpoint());
    Dataset d = Dataset.parse(dataset);
    long t0 = System.nanoTime();
    int posts = d.populate(client, GROUP);
    aggregate = fake.aggregatedProfile(GROUP, from, NOW).orElseThrow();
    profileFormat = format.equals("JSON") ? ProfileFormat.JSON : ProfileFormat.ION_BINARY;
    request =
        GetProfileRequest.builder()
            .profilingGroupName(GROUP)
            .startTime(from)
            .endTime(NOW)
            .accept(profileFormat.contentType())
            .build();
    int bytes = getProfile().profile().asByteArrayUnsafe().length;
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wireMock.start();
    wireMock.stubFor(
        get(urlPathMatching("/profilingGroups/[^/]+/profile"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", profileFormat.contentType())
                    .withBody(codec.encode(aggregate, profileFormat))));
    wireMockClient = Sdk.client(URI.create(wireMock.baseUrl()));
    System.out.printf(
        "%n[setup] %s: %d posts in %.1f s; 7-day aggregate %s; GetProfile %s answer %,d bytes; encode %,d bytes%n",
        dataset,
        posts,
        (System.nanoTime() - t0) / 1e9,
        aggregate,
        format,
        bytes,
        codec.encode(aggregate, profileFormat).length);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    fake.close();
    wireMockClient.close();
    wireMock.stop();
  }

  /**
   * A repeated read of the same range: after the first, the fake answers from its remembered merge
   * and encoding (a dashboard or test polling a range).
   */
  @Benchmark
  public GetProfileResponse getProfile() {
    return client.getProfile(request);
  }

  /**
   * The read right after a post to the group: the remembered answer is gone, so it merges and
   * encodes.
   */
  @Benchmark
  public GetProfileResponse getProfileAfterPost(AfterPost afterPost) {
    return client.getProfile(request);
  }

  /**
   * The read right after a post inside the range, to its newest bucket (an agent posting "now"
   * while a dashboard reads up to now): the answer changed, so the fake merges the post into the
   * remembered combined tree, builds the answer and encodes it.
   */
  @Benchmark
  public GetProfileResponse getProfileAfterPostInRange(AfterPostInRange afterPost) {
    return client.getProfile(request);
  }

  /**
   * Not a target, a breakdown of {@link #getProfileAfterPostInRange} without HTTP and the SDK: the
   * fake's own read right after a post to the range's newest bucket (the post merged into the
   * remembered combined tree, the answer built), then encoded as the handler encodes it. Compare
   * with {@link #encodeOnly}: the rest is the read's own cost.
   */
  @Benchmark
  public byte[] readAndEncodeAfterPostInRange(AfterPostInRange afterPost) {
    return codec.encode(fake.aggregatedProfile(GROUP, from, NOW).orElseThrow(), profileFormat);
  }

  /**
   * Before each {@link #getProfileAfterPost} call, posts a one-frame profile to the group (outside
   * the range read, so the answer is unchanged but the group has changed), outside the measured
   * time.
   */
  @State(Scope.Thread)
  public static class AfterPost {
    private PostAgentProfileRequest post;

    /** Where the posted profile starts. */
    Instant start() {
      return DATA_START.minus(Duration.ofDays(1));
    }

    @Setup(Level.Invocation)
    public void postOne(GetProfileBenchmark b) {
      if (post == null) {
        Instant start = start();
        post =
            PostAgentProfileRequest.builder()
                .profilingGroupName(GROUP)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArrayUnsafe(
                        ProfileCodec.defaults()
                            .encode(
                                Profile.builder(start, start.plusSeconds(60))
                                    .stack(1, "idle")
                                    .build(),
                                ProfileFormat.JSON)))
                .build();
      }
      b.client.postAgentProfile(post);
    }
  }

  /**
   * Before each {@link #getProfileAfterPostInRange} call, posts the same one-frame profile inside
   * the range read, to its newest 5-minute bucket ({@code 10:00}), outside the measured time.
   */
  @State(Scope.Thread)
  public static class AfterPostInRange extends AfterPost {
    @Override
    Instant start() {
      return NOW.minusSeconds(60);
    }
  }

  /**
   * Not a target, a breakdown: the fake's in-process aggregation of the range (merging the cached
   * profiles of the 42 buckets), without encoding or HTTP.
   */
  @Benchmark
  public Profile aggregateOnly() {
    return fake.aggregatedProfile(GROUP, from, NOW).orElseThrow();
  }

  /**
   * A second baseline: the transport alone. The same SDK call against a bare WireMock stub that
   * answers the same bytes (encoded once in setup), so nothing is aggregated or encoded per call.
   */
  @Benchmark
  public GetProfileResponse transportOnly() {
    wireMock.resetRequests(); // WireMock journals every request; keep it from growing
    return wireMockClient.getProfile(request);
  }

  @Benchmark
  public byte[] encodeOnly() {
    return codec.encode(aggregate, profileFormat);
  }

  /** What {@link #populate} posts. */
  record Dataset(int serviceFrames, boolean every5Minutes, boolean disjoint) {
    static Dataset parse(String name) {
      return switch (name) {
        case "1k-2016" -> new Dataset(2_000, true, false);
        case "1k-hourly" -> new Dataset(2_000, false, false);
        case "10k-hourly" -> new Dataset(20_000, false, false);
        case "1k-disjoint-hourly" -> new Dataset(2_000, false, true);
        default -> throw new IllegalArgumentException("unknown dataset " + name);
      };
    }

    /**
     * Keeping each frame with this probability (plus its ancestors) gives about half the service's
     * frames.
     */
    static final double KEEP = 0.2;

    int populate(CodeGuruProfilerClient client, String group) {
      Profiles.Shape shape = Profiles.shape(1, serviceFrames);
      Instant edgeHourEnd = DATA_START.plus(Duration.ofHours(1));
      Instant lastHourStart = DATA_END.minus(Duration.ofHours(1));
      int n = 0;
      for (Instant t = DATA_START; t.isBefore(DATA_END); ) {
        boolean fine = every5Minutes || t.isBefore(edgeHourEnd) || !t.isBefore(lastHourStart);
        Duration step = fine ? Duration.ofMinutes(5) : Duration.ofHours(1);
        Profile p =
            Profiles.sample(
                shape,
                t.getEpochSecond(),
                KEEP,
                disjoint ? "p" + n + "." : "",
                t,
                Duration.ofMinutes(5));
        client.postAgentProfile(
            PostAgentProfileRequest.builder()
                .profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArrayUnsafe(Profiles.json(p)))
                .build());
        n++;
        t = t.plus(step);
      }
      return n;
    }
  }
}
