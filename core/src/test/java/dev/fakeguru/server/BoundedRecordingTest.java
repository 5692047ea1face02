package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class BoundedRecordingTest extends FakeServerTestBase {

  @Test
  void at_the_caps_the_oldest_are_evicted_and_counted_while_aggregates_keep_everything() {
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .clock(clock)
                .profilingGroup(GROUP)
                .maxRecordedCalls(10)
                .maxRecordedProfilePosts(5)
                .start();
        var c = sdkClient(f)) {
      for (int i = 0; i < 12; i++) {
        byte[] body = json(profileAt(1, 1, "main"));
        c.postAgentProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .contentType("application/json")
                    .agentProfile(SdkBytes.fromByteArray(body)));
      }

      assertThat(f.recordedCalls())
          .hasSize(10)
          .extracting(RecordedCall::sequence)
          .startsWith(3L)
          .endsWith(12L);
      assertThat(f.evictedCalls()).isEqualTo(2);
      assertThat(f.profilePosts())
          .hasSize(5)
          .extracting(RecordedProfilePost::sequence)
          .containsExactly(8L, 9L, 10L, 11L, 12L);
      assertThat(f.evictedProfilePosts()).isEqualTo(7);
      assertThat(f.describeArrivals())
          .startsWith(
              "The fake received 10 calls (after forgetting the 2 oldest, over maxRecordedCalls):");
      assertThat(
              f.aggregatedProfile(GROUP, T0, T0.plusSeconds(3600))
                  .orElseThrow()
                  .totalCount("WALL_TIME"))
          .isEqualTo(12);
      // take skips what was evicted
      assertThat(f.takeProfilePost(Duration.ofSeconds(1)).sequence()).isEqualTo(8);
      assertThat(f.recordedCalls().get(0).body())
          .isEmpty(); // a post's body is kept once, in its post
    }
  }
}
