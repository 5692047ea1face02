package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Parallel tests, each with a private fake. An instance {@code @RegisterExtension} field gives
 * every test its own fake on its own port, so tests of this class run at the same time
 * ({@code @Execution(CONCURRENT)}, with parallel execution enabled in junit-platform.properties)
 * and each sees only its own calls, posts and groups.
 */
// tag::parallel[]
@Execution(ExecutionMode.CONCURRENT)
class ParallelTestsWithAFakeEachTest {

  @RegisterExtension
  FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("checkout"))
          .build();

  void uploadAndCheck(CodeGuruProfilerClient client, String hotFrame) {
    Profile profile =
        Profile.builder(
                Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
            .stack(80, "main", hotFrame)
            .stack(20, "main", "idle")
            .build();
    byte[] json = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);

    assertThat(ProfileUploader.builder(client, "checkout", () -> json).build().runOnce().status())
        .isEqualTo(Status.POSTED);

    // Only this test's upload is here, whatever the other tests are doing meanwhile.
    assertThat(fake.profilePosts()).hasSize(1);
    assertThat(fake.profilePosts().get(0).requireProfile()).hasCallPath("main", hotFrame);
  }

  @Test
  void first(CodeGuruProfilerClient client) {
    uploadAndCheck(client, "parseJson");
  }

  @Test
  void second(CodeGuruProfilerClient client) {
    uploadAndCheck(client, "renderHtml");
  }

  // end::parallel[]

  @Test
  void third(CodeGuruProfilerClient client) {
    uploadAndCheck(client, "queryDb");
  }

  @Test
  void fourth(CodeGuruProfilerClient client) {
    uploadAndCheck(client, "compress");
  }
}
