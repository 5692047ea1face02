package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Parallel tests sharing one fake. A per-class fake that is reset before each test would make
 * concurrent tests wipe each other's state, so the extension serialises them; with {@code
 * resetEachTest = false} they may run concurrently, provided each uses its own profiling group and
 * asserts only on what concerns that group.
 */
@Execution(ExecutionMode.CONCURRENT)
@FakeCodeGuruProfilerTest(
    profilingGroups = {"alpha", "beta", "gamma"},
    resetEachTest = false)
class ParallelTestsSharingOneFakeTest {

  static void uploadTo(String group, CodeGuruProfilerClient client, FakeCodeGuruProfiler fake) {
    byte[] json =
        ProfileCodec.defaults()
            .encode(
                Profile.builder(
                        Instant.parse("2024-01-02T03:00:00Z"),
                        Instant.parse("2024-01-02T03:05:00Z"))
                    .stack(group.length(), "main", group)
                    .build(),
                ProfileFormat.JSON);
    ProfileUploader.builder(client, group, () -> json).build().runOnce();

    // Filter by group: the other tests' posts are on the same fake.
    assertThat(fake.profilePosts(group))
        .singleElement()
        .extracting(RecordedProfilePost::requireProfile)
        .satisfies(p -> assertThat(p.totalCount("WALL_TIME")).isEqualTo(group.length()));
    assertThat(fake.callCount(Operation.CONFIGURE_AGENT, group)).isEqualTo(1);
  }

  @Test
  void alpha(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info) {
    uploadTo(info.getTestMethod().orElseThrow().getName(), client, fake);
  }

  @Test
  void beta(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info) {
    uploadTo(info.getTestMethod().orElseThrow().getName(), client, fake);
  }

  @Test
  void gamma(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info) {
    uploadTo(info.getTestMethod().orElseThrow().getName(), client, fake);
  }
}
