package example.floors;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;

/**
 * The annotation form: posting JSON and Ion through the injected SDK client, GetProfile over the
 * range in both formats, and the AssertJ call-tree assertions on what comes back.
 */
@Tag("at-floor")
@Timeout(60)
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", clockStart = "2024-01-02T03:10:00Z")
class AnnotationFormTest {

  @Test
  void postedProfilesComeBackAggregatedInBothFormats(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    post(client, ProfileFormat.JSON, "application/json");
    post(client, ProfileFormat.ION_BINARY, "application/x-amzn-ion");

    assertThat(fake)
        .hasStoredProfiles("checkout", 2)
        .hasReceivedCalls(Operation.POST_AGENT_PROFILE, "checkout", 2)
        .storedProfile("checkout", 1)
        .hasCallPath("main", "handle", "queryDb");

    for (String accept : new String[] {"application/json", "application/x-amzn-ion"}) {
      GetProfileResponse response =
          client.getProfile(
              r ->
                  r.profilingGroupName("checkout")
                      .startTime(Profiles.START)
                      .endTime(Profiles.END)
                      .accept(accept));
      assertThat(response.contentType()).startsWith(accept);
      Profile aggregated =
          ProfileCodec.defaults()
              .decode(response.profile().asByteArray(), response.contentType(), null);
      assertThat(aggregated)
          .hasTotalSamples(200)
          .hasCallPath("main", "handle", "render")
          .hasFrameShareAtLeast("queryDb", 30.0)
          .doesNotHaveFrame("Gc.pause")
          .frame("handle")
          .hasChildren("queryDb", "render");
      assertThat(aggregated).hottestFramesBySelf(1).containsExactly("render");
    }
  }

  private static void post(CodeGuruProfilerClient client, ProfileFormat format, String type) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName("checkout")
                .contentType(type)
                .agentProfile(SdkBytes.fromByteArray(Profiles.encoded(format))));
  }
}
