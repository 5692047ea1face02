package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.samples.ProfileUploader.RunResult;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Quick start: the happy path. The annotation starts one fake for the class, creates the profiling
 * group "checkout" before every test, and injects the fake and a ready SDK client as parameters.
 */
// tag::quick-start[]
// tag::extension-annotation[]
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", failOnUnexpectedCalls = true)
class QuickStartTest {

  @Test
  void uploadsOneProfile(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // end::extension-annotation[]
    // Script: the profile our agent will send (30 of 100 samples in queryDb).
    Profile profile = Profile.builder()
        .start(Instant.parse("2024-01-02T03:00:00Z")).end(Instant.parse("2024-01-02T03:05:00Z"))
        .stack(30, "main", "handle", "queryDb")
        .stack(70, "main", "handle", "render")
        .build();
    byte[] json = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);

    // Run: the code under test talks to the fake through an ordinary SDK client.
    RunResult result = ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // Verify: what happened, and what the fake received.
    assertThat(result.status()).isEqualTo(Status.POSTED);
    RecordedProfilePost post = fake.profilePosts("checkout").get(0);
    assertThat(post.contentType()).hasValue("application/json");
    assertThat(post.profileToken()).hasValue(result.profileToken());
    assertThat(post.requireProfile())
        .hasTotalSamples(100)
        .hasCallPath("main", "handle", "queryDb")
        .hasFrameShareAtLeast("queryDb", 30.0);
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(1);
  }
}
// end::quick-start[]
