package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.samples.ProfileUploader.RunResult;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Throttling and backoff. The uploader retries by itself, so the test gives it a client with the
 * SDK's retries turned off (as its Javadoc asks): every attempt the fake records is the uploader's.
 * The backoff is recorded instead of slept, so the test takes milliseconds.
 */
class ThrottlingAndBackoffTest {

  // tag::extension-static[]
  // One fake for the whole class, reset before each test; "checkout" exists in every test.
  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("checkout"))
          .build();

  // end::extension-static[]

  static final byte[] PROFILE =
      ProfileCodec.defaults()
          .encode(
              Profile.builder(
                      Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
                  .stack(10, "main", "work")
                  .build(),
              ProfileFormat.JSON);

  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  CodeGuruProfilerClient client;
  ProfileUploader uploader;

  @BeforeEach
  void buildUploader() {
    client =
        ProfileUploader.clientBuilderWithoutSdkRetries()
            .endpointOverride(fake.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    uploader =
        ProfileUploader.builder(client, "checkout", () -> PROFILE)
            .baseDelay(Duration.ofMillis(10))
            .maxAttempts(4)
            .sleeper(sleeps::add) // record the backoff instead of sleeping
            .build();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void throttledTwiceThenSucceedsOnTheThirdAttempt() {
    // tag::fault-throttling[]
    // The next 2 PostAgentProfile calls get 429 ThrottlingException, the third goes through.
    fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 2);

    RunResult result = uploader.runOnce();

    assertThat(result.status()).isEqualTo(Status.POSTED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20)); // exponential
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(3);
    // end::fault-throttling[]

    // All three attempts carried the same profileToken, and exactly one was stored.
    List<RecordedProfilePost> posts = fake.profilePosts("checkout");
    assertThat(posts)
        .extracting(RecordedProfilePost::profileToken)
        .containsOnly(Optional.of(result.profileToken()));
    assertThat(posts).filteredOn(RecordedProfilePost::stored).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedToo() {
    // A 503 of a type the SDK does not model is retried like any 5xx.
    fake.injectFault(
        FaultRule.of(ProfilerFault.serviceError(503, "ServiceUnavailableException", "Slow down"))
            .onOperation(Operation.POST_AGENT_PROFILE)
            .nextCalls(1));

    assertThat(uploader.runOnce().attempts()).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void givesUpAfterMaxAttemptsAndTriesAgainNextRun() {
    // Throttle every upload: 4 attempts, then the run gives up without throwing.
    InjectedFault throttle =
        fake.injectFault(
            FaultRule.of(ProfilerFault.throttling()).onOperation(Operation.POST_AGENT_PROFILE));

    RunResult result = uploader.runOnce();

    assertThat(result.status()).isEqualTo(Status.GAVE_UP);
    assertThat(result.message()).contains("429 ThrottlingException");
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
    assertThat(fake.profilePosts("checkout")).noneMatch(RecordedProfilePost::stored);

    assertThat(throttle.timesApplied()).isEqualTo(4);

    // Once the service recovers, the next run posts.
    throttle.remove();
    assertThat(uploader.runOnce().status()).isEqualTo(Status.POSTED);
  }
}
