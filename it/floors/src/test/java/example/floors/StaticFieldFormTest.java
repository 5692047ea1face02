package example.floors;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The static-field form (one fake per class) pointing the SDK's own clients at the fake, with faults
 * before and after the effect, retried by the SDK's default retry policy.
 */
@Tag("at-floor")
@Timeout(60)
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class StaticFieldFormTest {
  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(
              f ->
                  f.profilingGroup("checkout")
                      .clock(SettableClock.at(Instant.parse("2024-01-02T03:10:00Z"))))
          .pointSdkClientsAtFake(true)
          .build();

  @Test
  void aClientBuiltWithoutEndpointRetriesThroughTwoThrottles() {
    fake.injectFault(ProfilerFault.throttling(), Operation.POST_AGENT_PROFILE, 2);

    // Production wiring: no endpoint, region or credentials; the SDK's own retries.
    try (CodeGuruProfilerClient client = CodeGuruProfilerClient.create()) {
      post(client, "checkout");
    }

    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(3);
    assertThat(fake).hasStoredProfiles("checkout", 1);
  }

  @Test
  void aReplyLostAfterTheEffectIsRetriedAndStoredOnce(CodeGuruProfilerClient client) {
    fake.injectFault(
        FaultRule.of(ProfilerFault.internalError())
            .onOperation(Operation.POST_AGENT_PROFILE)
            .afterEffect()
            .nextCalls(1));

    post(client, "checkout");

    assertThat(fake.profilePosts("checkout"))
        .hasSize(2)
        .filteredOn(RecordedProfilePost::stored)
        .hasSize(1);
    assertThat(fake).storedProfile("checkout", 0).hasCallPath("main", "handle", "render");
  }

  static void post(CodeGuruProfilerClient client, String group) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(Profiles.encoded(ProfileFormat.JSON))));
  }
}
