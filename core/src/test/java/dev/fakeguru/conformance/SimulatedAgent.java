package dev.fakeguru.conformance;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClientBuilder;
import software.amazon.awssdk.services.codeguruprofiler.model.ConfigureAgentResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * A profiling agent written for the tests, behaving like the Python agent (spec §9): ConfigureAgent
 * first and after every report, a post once the period has passed, nothing while paused or after a
 * 404 until the next refresh, SDK retries that back off and reuse the profile token. It talks to
 * the fake over real HTTP through the real AWS SDK v2 client, and lives on the fake's {@link
 * SettableClock}: it waits by advancing the clock, and its SDK backoff advances the clock instead
 * of sleeping, so a two-minute scenario runs in well under a second and always the same way.
 *
 * <p>Each {@link Flaw} breaks exactly one {@link ConformanceRule}, the way a real agent might get
 * it wrong. Not thread-safe: one test thread drives it.
 */
final class SimulatedAgent {
  static final String KEY_ID = "AKIDAGENT";
  static final String SECRET = "agent-secret";

  /** Frames on the agent's deepest stack, before it truncates to MaxStackDepth. */
  private static final int STACK_FRAMES = 40;

  /** One way to get a rule wrong; {@link #rule} is the rule it breaks. */
  enum Flaw {
    POSTS_BEFORE_CONFIGURING(ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT),
    CONFIGURES_TWICE_A_PERIOD(ConformanceRule.CONFIGURE_AGENT_CADENCE),
    IGNORES_PAUSE(ConformanceRule.SHOULD_PROFILE_FALSE_HONOURED),
    POSTS_EVERY_OTHER_PERIOD(ConformanceRule.REPORTING_PERIOD),
    POSTS_TWICE_A_PERIOD(ConformanceRule.MINIMUM_REPORTING_TIME),
    POSTS_GARBAGE(ConformanceRule.POST_DECODES),
    STAMPS_THE_FUTURE(ConformanceRule.PROFILE_TIME_RANGE),
    STARTS_PROFILES_LATE(ConformanceRule.PROFILE_DURATION),
    OVERSAMPLES(ConformanceRule.SAMPLING_INTERVAL),
    IGNORES_MAX_STACK_DEPTH(ConformanceRule.MAX_STACK_DEPTH),
    OMITS_AGENT_VERSION(ConformanceRule.AGENT_METADATA),
    NEW_TOKEN_ON_RETRY(ConformanceRule.PROFILE_TOKEN),
    RETRIES_WITHOUT_BACKOFF(ConformanceRule.RETRY_BACKOFF),
    RETRIES_NOT_FOUND(ConformanceRule.NO_RETRY_AFTER_CLIENT_ERROR),
    POSTS_AFTER_NOT_FOUND(ConformanceRule.STOP_AFTER_CONFIGURE_AGENT_404),
    SENDS_NO_USER_AGENT(ConformanceRule.USER_AGENT),
    POSTS_OCTET_STREAM(ConformanceRule.CONTENT_TYPE),
    POSTS_UNSIGNED(ConformanceRule.SIGV4_SIGNATURE);

    final ConformanceRule rule;

    Flaw(ConformanceRule rule) {
      this.rule = rule;
    }
  }

  private final ProfilerFake fake;
  private final SettableClock clock;
  private final String group;
  private final Set<Flaw> flaws;
  private final CodeGuruProfilerClient client;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private AgentConfiguration config;
  private boolean profiling;
  private Instant profileStart;
  private int posts;
  private int cycles;

  SimulatedAgent(ProfilerFake fake, SettableClock clock, String group, Set<Flaw> flaws) {
    this.fake = fake;
    this.clock = clock;
    this.group = group;
    this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    this.client = client(credentials(KEY_ID, SECRET), retries(), null);
  }

  /** Runs the agent's cycle until the fake's clock reaches {@code end}. */
  void runUntil(Instant end) {
    try {
      profileStart = clock.instant();
      if (has(Flaw.POSTS_BEFORE_CONFIGURING)) {
        post(clock.instant().minusSeconds(1));
      }
      refresh();
      while (clock.instant().isBefore(end)) {
        if (!profiling) {
          clock.advance(period());
          refresh();
          continue;
        }
        Duration p = period();
        Duration half = p.dividedBy(2);
        clock.advance(half);
        if (has(Flaw.CONFIGURES_TWICE_A_PERIOD)) {
          refresh();
          if (!profiling) {
            continue;
          }
        } else if (has(Flaw.POSTS_TWICE_A_PERIOD)) {
          post(profileStart);
        }
        clock.advance(p.minus(half));
        if (!clock.instant().isBefore(end)) {
          break;
        }
        if (!has(Flaw.POSTS_EVERY_OTHER_PERIOD) || ++cycles % 2 == 0) {
          post(profileStart);
        }
        refresh();
      }
    } finally {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private boolean has(Flaw flaw) {
    return flaws.contains(flaw);
  }

  private Duration period() {
    return Duration.ofSeconds(config == null ? 10 : config.periodInSeconds());
  }

  /** ConfigureAgent: a new configuration, or on 400/404 no profiling until the next refresh. */
  private void refresh() {
    boolean wasProfiling = profiling;
    try {
      ConfigureAgentResponse r =
          client.configureAgent(b -> b.profilingGroupName(group).fleetInstanceId("sim-1"));
      config =
          new AgentConfiguration(
              r.configuration().shouldProfile(),
              r.configuration().periodInSeconds(),
              r.configuration().agentParametersAsStrings());
      profiling = config.shouldProfile() || (wasProfiling && has(Flaw.IGNORES_PAUSE));
    } catch (ResourceNotFoundException | ValidationException e) {
      profiling = wasProfiling && has(Flaw.POSTS_AFTER_NOT_FOUND);
    } catch (SdkException e) {
      // Other errors keep the previous configuration (spec §9).
    }
    if (profiling && !wasProfiling) {
      profileStart = clock.instant();
    }
  }

  /** Posts the profile sampled since {@code start}, then starts the next one. */
  private void post(Instant start) {
    posts++;
    boolean flawedPost = posts == 3;
    Instant end = clock.instant().minusMillis(50);
    if (flawedPost && has(Flaw.STARTS_PROFILES_LATE)) {
      start = end.minus(period().dividedBy(2));
    }
    byte[] body = encode(start, end, flawedPost);
    String contentType =
        flawedPost && has(Flaw.POSTS_OCTET_STREAM)
            ? "application/octet-stream"
            : "application/json";
    CodeGuruProfilerClient sender = client;
    if (flawedPost && has(Flaw.POSTS_UNSIGNED)) {
      sender = client(AnonymousCredentialsProvider.create(), retries(), null);
    } else if (flawedPost && has(Flaw.SENDS_NO_USER_AGENT)) {
      sender = client(credentials(KEY_ID, SECRET), retries(), "");
    } else if (has(Flaw.NEW_TOKEN_ON_RETRY)) {
      sender = client(credentials(KEY_ID, SECRET), AwsRetryStrategy.doNotRetry(), null);
    }
    for (int attempt = 1; attempt <= 3; attempt++) {
      String token = UUID.randomUUID().toString();
      CodeGuruProfilerClient c = sender;
      try {
        c.postAgentProfile(
            b ->
                b.profilingGroupName(group)
                    .contentType(contentType)
                    .profileToken(token)
                    .agentProfile(SdkBytes.fromByteArray(body)));
        break;
      } catch (ThrottlingException | InternalServerException e) {
        if (!has(Flaw.NEW_TOKEN_ON_RETRY)) {
          break; // the SDK retried already; the profile is dropped (spec §9)
        }
        clock.advance(Duration.ofMillis(200));
      } catch (SdkException e) {
        break;
      }
    }
    profileStart = clock.instant();
  }

  private byte[] encode(Instant start, Instant end, boolean flawedPost) {
    if (flawedPost && has(Flaw.POSTS_GARBAGE)) {
      return "{\"start\": not a profile".getBytes(StandardCharsets.UTF_8);
    }
    if (flawedPost && has(Flaw.STAMPS_THE_FUTURE)) {
      start = start.plusSeconds(60);
      end = end.plusSeconds(60);
    }
    long durationMs = Duration.between(start, end).toMillis();
    long interval = parameter(AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS, 1000);
    long samples = Math.max(1, durationMs * 9 / 10 / interval);
    if (has(Flaw.OVERSAMPLES)) {
      samples *= 10;
    }
    Map<String, Object> agentInfo = new LinkedHashMap<>();
    agentInfo.put("type", "FakeGuru-simulated");
    if (!has(Flaw.OMITS_AGENT_VERSION)) {
      agentInfo.put("version", "1.0");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("sampleWeights", Map.of("WALL_TIME", samples * 1000.0 / durationMs));
    metadata.put("durationInMs", durationMs);
    metadata.put("fleetInfo", Map.of("id", "sim-1", "type", "UNKNOWN"));
    metadata.put("agentInfo", agentInfo);
    metadata.put("numTimesSampled", samples);
    List<String> deep = new ArrayList<>();
    for (int i = 0; i < STACK_FRAMES; i++) {
      deep.add(i == 0 ? "main" : "app.work:Worker:step" + i);
    }
    int limit = (int) parameter(AgentConfiguration.MAX_STACK_DEPTH, 1000);
    if (deep.size() > limit && !has(Flaw.IGNORES_MAX_STACK_DEPTH)) {
      deep = new ArrayList<>(deep.subList(0, limit));
      deep.set(limit - 1, "<Truncated>");
    }
    Profile profile =
        Profile.builder()
            .start(start)
            .end(end)
            .agentMetadata(metadata)
            .stack("WALL_TIME", samples - samples / 3, "main", "app.work:Worker:run")
            .stack("WALL_TIME", samples / 3, deep)
            .build();
    return ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
  }

  private long parameter(String name, long fallback) {
    String v = config == null ? null : config.agentParameters().get(name);
    return v == null ? fallback : Long.parseLong(v);
  }

  private StandardRetryStrategy retries() {
    // The SDK's standard strategy, with a backoff that moves the fake's clock instead of sleeping.
    BackoffStrategy backoff =
        attempt -> {
          if (!has(Flaw.RETRIES_WITHOUT_BACKOFF)) {
            clock.advance(Duration.ofMillis(100L << Math.min(attempt, 10)));
          }
          return Duration.ZERO;
        };
    StandardRetryStrategy.Builder b =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(3)
            .backoffStrategy(backoff)
            .throttlingBackoffStrategy(backoff)
            .circuitBreakerEnabled(false);
    if (has(Flaw.RETRIES_NOT_FOUND)) {
      b.retryOnException(e -> e instanceof ResourceNotFoundException);
    }
    return b.build();
  }

  /** The SDK's own HTTP client with the User-Agent replaced as the request leaves (signed). */
  private static SdkHttpClient withUserAgent(String userAgent) {
    SdkHttpClient apache = ApacheHttpClient.create();
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest r) {
        return apache.prepareRequest(
            HttpExecuteRequest.builder()
                .request(r.httpRequest().toBuilder().putHeader("User-Agent", userAgent).build())
                .contentStreamProvider(r.contentStreamProvider().orElse(null))
                .build());
      }

      @Override
      public void close() {
        apache.close();
      }
    };
  }

  private static AwsCredentialsProvider credentials(String keyId, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
  }

  private CodeGuruProfilerClient client(
      AwsCredentialsProvider credentials, RetryStrategy strategy, String userAgent) {
    CodeGuruProfilerClientBuilder b =
        CodeGuruProfilerClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .overrideConfiguration(
                o -> {
                  o.retryStrategy(strategy);
                });
    if (userAgent != null) {
      SdkHttpClient http = withUserAgent(userAgent);
      closeables.add(http);
      b.httpClient(http);
    }
    CodeGuruProfilerClient c = b.build();
    closeables.add(c);
    return c;
  }
}
