package example;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** What a new user writes first: the plain extension, an injected client, one call-tree assertion. */
@ExtendWith(FakeCodeGuruProfilerExtension.class)
class UploadTest {

  @Test
  void theFakeStoresWhatTheClientPosts(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    fake.createProfilingGroup("checkout");
    Profile profile =
        Profile.builder()
            .start(Instant.parse("2024-01-02T03:00:00Z"))
            .end(Instant.parse("2024-01-02T03:05:00Z"))
            .stack(30, "main", "handle", "queryDb")
            .stack(70, "main", "handle", "render")
            .build();

    client.postAgentProfile(
        r ->
            r.profilingGroupName("checkout")
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(ProfileCodec.defaults().encode(profile, ProfileFormat.JSON))));

    assertThat(fake)
        .hasStoredProfiles("checkout", 1)
        .storedProfile("checkout", 0)
        .hasCallPath("main", "handle", "queryDb")
        .hasFrameShareAtLeast("queryDb", 30.0);
  }
}
