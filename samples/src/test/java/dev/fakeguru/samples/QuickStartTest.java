package dev.fakeguru.samples;

// tag::quick-start[]
import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.samples.ProfileUploader.RunResult;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

// One fake for the class, reset before every test; it injects itself and a ready SDK client.
@ExtendWith(FakeCodeGuruProfilerExtension.class)
class QuickStartTest {

  @BeforeEach
  void createTheGroup(FakeCodeGuruProfiler fake) {
    fake.createProfilingGroup("checkout"); // a reset forgets groups too: create it before each test
  }

  @Test
  void uploadsOneProfile(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // Script: the profile our agent will send (30 of 100 samples in queryDb).
    Profile profile =
        Profile.builder(
                Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
            .stack(30, "main", "handle", "queryDb")
            .stack(70, "main", "handle", "render")
            .build();
    byte[] json = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);

    // Run: the code under test talks to the fake through an ordinary SDK client.
    RunResult result = ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // Verify: what happened, and what the fake received.
    assertThat(result.status()).isEqualTo(Status.POSTED);
    RecordedProfilePost post = fake.storedProfiles("checkout").get(0);
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
