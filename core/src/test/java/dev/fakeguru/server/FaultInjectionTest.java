package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.CodeGuruProfilerException;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/** Faults as the real AWS SDK v2 sees them: with its default retry policy, and with retries off. */
class FaultInjectionTest extends FakeServerTestBase {
  /** The SDK's defaults: legacy retry mode, 4 attempts. */
  static CodeGuruProfilerClient retrying;

  @BeforeAll
  static void retryingClient() {
    retrying =
        CodeGuruProfilerClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(o -> o.apiCallTimeout(TestClients.REQUEST_TIMEOUT))
            .build();
  }

  @AfterAll
  static void closeRetrying() {
    retrying.close();
  }

  private static void describe(CodeGuruProfilerClient c) {
    c.describeProfilingGroup(b -> b.profilingGroupName(GROUP));
  }

  @Test
  void throttle_twice_then_succeed_takes_three_attempts() {
    InjectedFault throttle =
        fake.injectFault(ProfilerFault.throttling(), Operation.DESCRIBE_PROFILING_GROUP, 2);

    describe(retrying);

    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP))
        .extracting(RecordedCall::status)
        .containsExactly(429, 429, 200);
    assertThat(throttle.timesApplied()).isEqualTo(2);
    assertThat(throttle.isActive()).isFalse();
  }

  @Test
  void not_found_is_not_retried() {
    fake.injectFault(ProfilerFault.notFound("gone"), Operation.DESCRIBE_PROFILING_GROUP, 5);
    ResourceNotFoundException nf =
        catchThrowableOfType(ResourceNotFoundException.class, () -> describe(retrying));
    assertThat(nf.awsErrorDetails().errorMessage()).isEqualTo("gone");
    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(1);
  }

  @Test
  void validation_is_not_retried() {
    fake.injectFault(ProfilerFault.validation("bad"), Operation.DESCRIBE_PROFILING_GROUP, 5);
    assertThat(catchThrowable(() -> describe(retrying))).isInstanceOf(ValidationException.class);
    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(1);
  }

  @Test
  void internal_errors_are_retried_up_to_the_sdk_limit() {
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError("boom"))
            .onOperation(Operation.DESCRIBE_PROFILING_GROUP));

    InternalServerException e =
        catchThrowableOfType(InternalServerException.class, () -> describe(retrying));

    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("boom");
    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(4);
    assertThat(fake.unexpectedCalls()).isEmpty();
  }

  @Test
  void every_modelled_error_reaches_the_caller_as_its_exception() {
    record Case(ProfilerFault fault, Class<? extends CodeGuruProfilerException> type) {}
    for (Case c :
        List.of(
            new Case(ProfilerFault.throttling("slow down"), ThrottlingException.class),
            new Case(ProfilerFault.notFound("nf"), ResourceNotFoundException.class),
            new Case(ProfilerFault.validation("v"), ValidationException.class),
            new Case(ProfilerFault.internalError("ie"), InternalServerException.class),
            new Case(
                ProfilerFault.conflict("c"),
                software.amazon.awssdk.services.codeguruprofiler.model.ConflictException.class),
            new Case(
                ProfilerFault.serviceQuotaExceeded("q"), ServiceQuotaExceededException.class))) {
      fake.injectFault(c.fault(), Operation.DESCRIBE_PROFILING_GROUP, 1);
      Throwable t = catchThrowable(() -> describe(client));
      assertThat(t).as(c.fault().toString()).isExactlyInstanceOf(c.type());
      assertThat(((CodeGuruProfilerException) t).statusCode()).isEqualTo(c.fault().status());
      assertThat(((CodeGuruProfilerException) t).awsErrorDetails().errorMessage())
          .isEqualTo(c.fault().message().orElseThrow());
    }
    CodeGuruProfilerException other =
        catchThrowableOfType(
            CodeGuruProfilerException.class,
            () -> {
              fake.injectFault(
                  ProfilerFault.serviceError(503, "ServiceUnavailableException", "later"),
                  Operation.DESCRIBE_PROFILING_GROUP,
                  1);
              describe(client);
            });
    assertThat(other.statusCode()).isEqualTo(503);
  }

  @Test
  void a_delay_beyond_the_attempt_timeout_surfaces_as_a_timeout() {
    fake.injectFault(
        ProfilerFault.delay(Duration.ofSeconds(2)), Operation.DESCRIBE_PROFILING_GROUP, 1);
    try (CodeGuruProfilerClient impatient =
        CodeGuruProfilerClient.builder()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(Duration.ofMillis(300))
                        .retryStrategy(
                            software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
            .build()) {
      assertThat(catchThrowable(() -> describe(impatient)))
          .isInstanceOf(ApiCallAttemptTimeoutException.class);
    }
    describe(client); // the fault was spent: the next call is served at once
  }

  @Test
  void transport_faults_surface_as_client_exceptions() {
    for (ProfilerFault f :
        List.of(
            ProfilerFault.connectionReset(),
            ProfilerFault.emptyResponse(),
            ProfilerFault.randomDataThenClose(),
            ProfilerFault.malformedBody(),
            ProfilerFault.truncatedBody())) {
      fake.injectFault(f, Operation.DESCRIBE_PROFILING_GROUP, 1);
      assertThat(catchThrowable(() -> describe(client)))
          .as(f.toString())
          .isInstanceOf(SdkClientException.class);
    }
    describe(client);
    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP))
        .hasSize(6)
        .filteredOn(RecordedCall::faultInjected)
        .hasSize(5);
  }

  @Test
  void a_connection_reset_is_retried_by_the_sdk() {
    fake.injectFault(ProfilerFault.connectionReset(), Operation.DESCRIBE_PROFILING_GROUP, 1);
    describe(retrying);
    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(2);
  }

  @Test
  void a_seeded_probability_gives_the_same_sequence_every_time() {
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      fake.reset();
      fake.injectFault(
          FaultRule.of(ProfilerFault.internalError())
              .onOperation(Operation.DESCRIBE_PROFILING_GROUP)
              .withProbability(0.4, 1234L));
      for (int i = 0; i < 30; i++) {
        catchThrowable(() -> describe(client));
      }
      runs.add(fake.recordedCalls().stream().map(RecordedCall::status).toList());
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 500);
    assertThat(runs.get(0).stream().filter(s -> s == 500).count()).isBetween(5L, 20L);
  }

  @Test
  void every_nth_call_after_successes_fires_only_on_the_targeted_group() {
    fake.createProfilingGroup("other");
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError())
            .onOperation(Operation.DESCRIBE_PROFILING_GROUP)
            .forProfilingGroup(GROUP)
            .afterSuccesses(2)
            .everyNthCall(2));
    for (int i = 0; i < 8; i++) {
      catchThrowable(() -> describe(client));
      client.describeProfilingGroup(b -> b.profilingGroupName("other"));
    }
    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP, GROUP))
        .extracting(RecordedCall::status)
        .containsExactly(200, 200, 200, 500, 200, 500, 200, 500);
    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP, "other"))
        .allMatch(c -> c.status() == 200);
  }

  @Test
  void a_predicate_targets_only_the_requests_it_accepts() {
    fake.injectFault(
        FaultRule.of(ProfilerFault.validation("tagged")).when(r -> r.header("x-test").isPresent()));
    describe(client);
    assertThat(raw("GET", "/profilingGroups/" + GROUP, null, "x-test", "1").statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_faulted_post_stores_nothing() {
    fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 1);
    catchThrowable(() -> post(GROUP, profileAt(1, 5, "main")));

    assertThat(fake.profilePosts(GROUP))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.stored()).isFalse();
              assertThat(p.profile()).isPresent();
            });
    assertThat(fake.aggregatedProfile(GROUP, T0, T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void an_after_effect_500_and_the_sdk_retry_store_the_profile_once() {
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError())
            .onOperation(Operation.POST_AGENT_PROFILE)
            .afterEffect()
            .nextCalls(1));

    retrying.postAgentProfile(
        b ->
            b.profilingGroupName(GROUP)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(json(profileAt(1, 5, "main")))));

    List<RecordedProfilePost> posts = fake.profilePosts(GROUP);
    assertThat(posts)
        .hasSize(2)
        .extracting(RecordedProfilePost::stored)
        .containsExactly(true, false);
    assertThat(posts.get(0).profileToken()).isPresent().isEqualTo(posts.get(1).profileToken());
    assertThat(fake.recordedCalls(Operation.POST_AGENT_PROFILE))
        .extracting(RecordedCall::status)
        .containsExactly(500, 204);
    assertThat(
            fake.aggregatedProfile(GROUP, T0, T0.plusSeconds(3600))
                .orElseThrow()
                .totalCount("WALL_TIME"))
        .isEqualTo(5);
  }

  @Test
  void reset_removes_faults() {
    fake.injectFault(FaultRule.of(ProfilerFault.internalError()));
    fake.reset();
    describe(client);
    assertThat(fake.activeFaults()).isEmpty();
  }

  @Test
  void a_fresh_fake_has_no_faults() {
    try (FakeCodeGuruProfiler f = FakeCodeGuruProfiler.builder().build()) {
      assertThat(f.activeFaults()).isEmpty();
    }
  }

  @Test
  void a_rule_describes_its_target_schedule_and_timing() {
    assertThat(
            FaultRule.of(ProfilerFault.throttling())
                .onOperation(Operation.POST_AGENT_PROFILE)
                .forProfilingGroup("g")
                .nextCalls(2)
                .afterEffect()
                .toString())
        .isEqualTo(
            "429 ThrottlingException \"Rate exceeded\" on [PostAgentProfile] for group 'g' at most 2 times after the call took effect");
  }
}
