package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * 404 and 400 handling. Errors are not retried: a missing profiling group (404) stops the uploader,
 * a 400 reaches the caller. This class uses an instance field, so every test gets a fresh fake.
 */
class NotFoundAndValidationTest {

  // tag::extension-instance[]
  // A new fake for every test, closed after it: no state can leak between tests.
  @RegisterExtension
  FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

  // end::extension-instance[]

  static final byte[] PROFILE =
      ProfileCodec.defaults()
          .encode(
              Profile.builder(
                      Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
                  .stack(10, "main", "work")
                  .build(),
              ProfileFormat.JSON);

  @Test
  void stopsCleanlyWhenTheProfilingGroupDoesNotExist(CodeGuruProfilerClient client) {
    // Like the real service, the fake answers 404 ResourceNotFoundException for an unknown group.
    ProfileUploader uploader =
        ProfileUploader.builder(client, "no-such-group", () -> PROFILE).build();

    assertThat(uploader.runOnce().status()).isEqualTo(Status.STOPPED);
    assertThat(uploader.isStopped()).isTrue();

    // A stopped uploader makes no more calls.
    assertThat(uploader.runOnce().status()).isEqualTo(Status.STOPPED);
    assertThat(fake.recordedCalls())
        .extracting(RecordedCall::operation)
        .containsExactly(Operation.CONFIGURE_AGENT);
    assertThat(fake.recordedCalls().get(0).errorType()).hasValue("ResourceNotFoundException");
  }

  @Test
  void stopsWhenTheGroupIsDeletedWhileRunning(CodeGuruProfilerClient client) {
    fake.createProfilingGroup("checkout");
    ProfileUploader uploader = ProfileUploader.builder(client, "checkout", () -> PROFILE).build();
    assertThat(uploader.runOnce().status()).isEqualTo(Status.POSTED);

    fake.deleteProfilingGroup("checkout");

    assertThat(uploader.runOnce().status()).isEqualTo(Status.STOPPED);
  }

  @Test
  void anInjectedValidationErrorSurfacesWithoutRetries(CodeGuruProfilerClient client) {
    fake.createProfilingGroup("checkout");
    fake.injectFault(
        ProfilerFault.validation("profile is too old"), Operation.POST_AGENT_PROFILE, 1);
    ProfileUploader uploader = ProfileUploader.builder(client, "checkout", () -> PROFILE).build();

    assertThatThrownBy(uploader::runOnce)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("profile is too old");
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE))
        .isEqualTo(1); // neither we nor the SDK retried
  }

  @Test
  void aProfileTheServiceCannotReadIsA400Too(CodeGuruProfilerClient client) {
    // No fault injected: the fake validates the body like the service and rejects what it cannot
    // decode.
    fake.createProfilingGroup("checkout");
    byte[] garbage = "{ this is not a profile".getBytes(StandardCharsets.UTF_8);
    ProfileUploader uploader = ProfileUploader.builder(client, "checkout", () -> garbage).build();

    assertThatThrownBy(uploader::runOnce).isInstanceOf(ValidationException.class);

    // The fake recorded the bytes, why it could not decode them, and that nothing was stored.
    assertThat(fake.profilePosts("checkout").get(0).decodeFailure()).isPresent();
    assertThat(fake.profilePosts("checkout").get(0).stored()).isFalse();
    // It also counts as an "unexpected call": an error no test set up, usually a bug in the code
    // under test.
    assertThat(fake.unexpectedCalls()).hasSize(1);
  }
}
