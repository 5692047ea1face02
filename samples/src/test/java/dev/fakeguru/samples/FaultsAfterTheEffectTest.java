package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.FaultRule;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Faults after the effect: the service stored the profile, but the answer was lost (here, a 500).
 * The client cannot tell, so it retries; the profileToken makes the retry harmless. This test uses
 * the injected client, whose SDK retries are on: the SDK retries the 500 with the same token, the
 * uploader never sees the error, and the fake stores the profile once.
 */
class FaultsAfterTheEffectTest {

  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("checkout"))
          .failOnUnexpectedCalls(true)
          .build();

  static final byte[] PROFILE =
      ProfileCodec.defaults()
          .encode(
              Profile.builder(
                      Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
                  .stack(7, "main", "work")
                  .build(),
              ProfileFormat.JSON);

  @Test
  void aRetryAfterALostAnswerIsStoredOnce(CodeGuruProfilerClient client) {
    // tag::fault-after-effect[]
    // Store the first upload, then answer 500 InternalServerException as if the reply was lost.
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError())
            .onOperation(Operation.POST_AGENT_PROFILE)
            .afterEffect()
            .nextCalls(1));

    RunResult result = ProfileUploader.builder(client, "checkout", () -> PROFILE).build().runOnce();

    assertThat(result.status()).isEqualTo(Status.POSTED);
    assertThat(result.attempts()).isEqualTo(1); // the SDK's own retry was invisible to the uploader
    List<RecordedProfilePost> posts = fake.profilePosts("checkout");
    assertThat(posts)
        .hasSize(2) // two HTTP calls, one token, one stored profile
        .allSatisfy(p -> assertThat(p.profileToken()).hasValue(result.profileToken()));
    assertThat(posts).filteredOn(RecordedProfilePost::stored).hasSize(1);
    assertThat(fake.awaitStoredProfiles("checkout", 1, Duration.ofSeconds(1))).hasSize(1);
    // end::fault-after-effect[]

    // The same facts with FakeGuru's assertions, straight on the extension field: a post is every
    // PostAgentProfile call, a stored profile is a post the fake kept.
    assertThat(fake)
        .hasReceivedProfilePosts("checkout", 2)
        .hasStoredProfiles("checkout", 1)
        .hasNoUnexpectedCalls();
  }

  @Test
  void aResetConnectionIsRetriedBeforeAnythingIsStored(CodeGuruProfilerClient client) {
    // Before the effect (the default), a transport fault stores nothing; the SDK retries a reset.
    fake.injectFault(
        FaultRule.of(ProfilerFault.connectionReset())
            .onOperation(Operation.POST_AGENT_PROFILE)
            .nextCalls(1));

    assertThat(
            ProfileUploader.builder(client, "checkout", () -> PROFILE).build().runOnce().status())
        .isEqualTo(Status.POSTED);
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(2);
    assertThat(fake.profilePosts("checkout")).filteredOn(RecordedProfilePost::stored).hasSize(1);
  }
}
