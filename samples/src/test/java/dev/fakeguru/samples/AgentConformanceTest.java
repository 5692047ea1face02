package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.conformance.AgentScenario;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ScenarioRun;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.AgentConfiguration;

/**
 * For authors of profiling agents: the fake steers an agent through a scenario and judges it. The
 * "agent" here is a few SDK calls that wait by moving the fake's clock (its periods and its SDK
 * backoff alike), so an eleven-minute scenario takes milliseconds; point your own agent at {@code
 * fake.endpoint()} instead, on the fake's default clock, which runs with real time.
 */
class AgentConformanceTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("my-app").clock(SettableClock.at(T0)))
          .build();

  CodeGuruProfilerClient client;
  Instant profileStart = T0;
  long samplingIntervalMillis = 1000;

  @BeforeEach
  void agentClient() {
    client =
        CodeGuruProfilerClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(
                o ->
                    o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .backoffStrategy(this::backoff)
                            .throttlingBackoffStrategy(this::backoff)
                            .build()))
            .build();
  }

  /** The SDK's exponential backoff, waited on the fake's clock. */
  Duration backoff(int attempt) {
    sleep(Duration.ofMillis(100L << Math.min(attempt, 8)));
    return Duration.ZERO;
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aConformingAgentPasses() {
    // tag::agent-conformance[]
    ScenarioRun run = fake.startScenario("my-app", AgentScenario.named(AgentScenario.FULL, 60));
    runTheAgentUntil(run.endsAt()); // your agent, pointed at fake.endpoint()
    ConformanceReport report = run.awaitEnd(Duration.ofMinutes(15));

    assertThat(report).passes();
    // end::agent-conformance[]
  }

  @Test
  void aBrokenAgentIsToldWhatItDoesWrong() {
    // An agent that posts before it asks ConfigureAgent, then posts again after 10 s.
    sleep(Duration.ofSeconds(5));
    post();
    configureAgent();
    sleep(Duration.ofMinutes(5));
    post();
    sleep(Duration.ofSeconds(10));
    post();
    configureAgent();

    // tag::broken-agent-report[]
    assertThat(fake.conformance("my-app").toText())
        .isEqualTo(
            """
            Agent conformance of profiling group 'my-app': FAIL (2 failed, 12 passed, 4 not observed, of 18 rules)
            Window: from the start to 2024-01-02T03:05:15Z on the fake's clock; 5 agent calls, 3 posts.
            FAIL         first-call-configure-agent: 1 violation in 1 first call judged
                rule: The agent's first call is ConfigureAgent.
                #1 (+0.000 s) PostAgentProfile came before any ConfigureAgent
            FAIL         minimum-reporting-time: 1 violation in 2 post intervals judged
                rule: Two new posts are never closer than MinimumTimeForReportingInMilliseconds.
                #4 (+310.000 s) PostAgentProfile came 10.000 s after the post #3; MinimumTimeForReportingInMilliseconds is 60000 (1 s tolerance)
            NOT OBSERVED should-profile-false: no ConfigureAgent answer said shouldProfile=false
            NOT OBSERVED retry-backoff: no call was retried
            NOT OBSERVED no-retry-after-400-404: no call of the agent was answered 400 or 404
            NOT OBSERVED stop-after-configure-agent-404: no ConfigureAgent was answered 404
            PASS         configure-agent-cadence: 1 interval judged, none broke the rule
            PASS         reporting-period: 2 intervals judged, none broke the rule
            PASS         post-decodes: 3 posts judged, none broke the rule
            PASS         profile-time-range: 3 profiles judged, none broke the rule
            PASS         profile-duration: 2 profiles judged, none broke the rule
            PASS         sampling-interval: 2 profiles judged, none broke the rule
            PASS         max-stack-depth: 2 profiles judged, none broke the rule
            PASS         agent-metadata: 3 profiles judged, none broke the rule
            PASS         profile-token: 3 posts judged, none broke the rule
            PASS         user-agent: 5 calls judged, none broke the rule
            PASS         content-type: 3 posts judged, none broke the rule
            PASS         sigv4-signature: 5 calls judged, none broke the rule (form and scope only: the fake does not check signatures)
            """);
    // end::broken-agent-report[]
  }

  /**
   * A well-behaved agent, as spec §9 describes the Python agent: ConfigureAgent, then a post once
   * the period has passed and ConfigureAgent again; while paused it only asks again a period later.
   */
  void runTheAgentUntil(Instant end) {
    AgentConfiguration config = configureAgent();
    while (fake.clock().instant().isBefore(end)) {
      sleep(Duration.ofSeconds(config.periodInSeconds()));
      if (config.shouldProfile() && fake.clock().instant().isBefore(end)) {
        post();
      }
      boolean wasProfiling = config.shouldProfile();
      config = configureAgent();
      if (config.shouldProfile() && !wasProfiling) {
        profileStart = fake.clock().instant(); // profiling resumes now
      }
    }
  }

  AgentConfiguration configureAgent() {
    AgentConfiguration c =
        client.configureAgent(r -> r.profilingGroupName("my-app")).configuration();
    String interval = c.agentParametersAsStrings().get("SamplingIntervalInMilliseconds");
    samplingIntervalMillis = interval == null ? samplingIntervalMillis : Long.parseLong(interval);
    return c;
  }

  void sleep(Duration d) {
    ((SettableClock) fake.clock()).advance(d);
  }

  /** Posts the profile sampled since the previous post, at the sampling interval in force. */
  void post() {
    Instant end = fake.clock().instant().minusMillis(100);
    long millis = Duration.between(profileStart, end).toMillis();
    long samples = millis / samplingIntervalMillis;
    Profile profile =
        Profile.builder()
            .start(profileStart)
            .end(end)
            .agentMetadata(
                Map.of(
                    "sampleWeights", Map.of("WALL_TIME", 1000.0 / samplingIntervalMillis),
                    "durationInMs", millis,
                    "numTimesSampled", samples,
                    "agentInfo", Map.of("type", "my-agent", "version", "0.1"),
                    "fleetInfo", Map.of("id", "host-1")))
            .stack(Math.max(1, samples), "main", "work")
            .build();
    try {
      client.postAgentProfile(
          r ->
              r.profilingGroupName("my-app")
                  .contentType("application/json")
                  .agentProfile(
                      SdkBytes.fromByteArray(
                          ProfileCodec.defaults().encode(profile, ProfileFormat.JSON))));
    } catch (RuntimeException e) {
      // the SDK retried what it could; the profile is dropped, as the Python agent does
    }
    profileStart = fake.clock().instant();
  }
}
