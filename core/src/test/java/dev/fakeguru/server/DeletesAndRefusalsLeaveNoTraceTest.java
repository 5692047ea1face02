package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.time.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * A deleted group takes everything with it, even a post racing the delete, and a refused post
 * leaves nothing behind, not even across a restart: no frames served by a re-created group, no
 * remembered token that swallows a retry, no file in the data directory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeletesAndRefusalsLeaveNoTraceTest extends FakeServerTestBase {
  static final Instant NOW = T0.plusSeconds(3600);

  private static FakeCodeGuruProfiler fakeOn(Path dir) {
    return FakeCodeGuruProfiler.builder()
        .clock(SettableClock.at(NOW))
        .profilingGroup("big")
        .dataDirectory(dir)
        .adminApi(true)
        .start();
  }

  private static void postTo(CodeGuruProfilerClient c, String group, String token, Profile p) {
    c.postAgentProfile(
        b ->
            b.profilingGroupName(group)
                .contentType("application/json")
                .profileToken(token)
                .agentProfile(SdkBytes.fromByteArray(json(p))));
  }

  private static long postFiles(Path dir, String group) throws Exception {
    Path groupDir = dir.resolve("posts").resolve(group);
    if (!Files.isDirectory(groupDir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(groupDir)) {
      return files.count();
    }
  }

  @Test
  void a_post_racing_a_delete_either_fails_or_is_deleted_with_the_group(@TempDir Path dir)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient poster = sdkClient(f);
        CodeGuruProfilerClient deleter = sdkClient(f)) {
      for (int round = 0; round < 80; round++) {
        String token = "race-" + round;
        poster.createProfilingGroup(b -> b.profilingGroupName("race").clientToken(token));
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Throwable> post =
            pool.submit(
                () -> {
                  together.await();
                  return catchThrowable(
                      () -> postTo(poster, "race", token, profileAt(1, 5, "main", "old")));
                });
        Future<?> delete =
            pool.submit(
                () -> {
                  together.await();
                  deleter.deleteProfilingGroup(b -> b.profilingGroupName("race"));
                  return null;
                });
        delete.get(10, TimeUnit.SECONDS);
        Throwable postFailure = post.get(10, TimeUnit.SECONDS);
        if (postFailure != null) {
          assertThat(postFailure).isInstanceOf(ResourceNotFoundException.class);
        }

        assertThat(postFiles(dir, "race")).as("files left by round %d", round).isZero();
        poster.createProfilingGroup(b -> b.profilingGroupName("race").clientToken(token + "-2"));
        assertThat(f.aggregatedProfile("race", T0, NOW)).as("round %d", round).isEmpty();
        postTo(poster, "race", token, profileAt(2, 7, "main", "new"));
        assertThat(f.aggregatedProfile("race", T0, NOW).orElseThrow().totalCount("WALL_TIME"))
            .as("the retry of round %d is stored", round)
            .isEqualTo(7);
        deleter.deleteProfilingGroup(b -> b.profilingGroupName("race"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_post_refused_for_overflow_is_not_persisted_nor_remembered(@TempDir Path dir)
      throws Exception {
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      postTo(c, "big", "first", profileAt(1, Long.MAX_VALUE - 5, "main"));
      assertThat(catchThrowable(() -> postTo(c, "big", "refused", profileAt(2, 10, "main"))))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("overflow");
      assertThat(postFiles(dir, "big")).isEqualTo(1);
    }

    Profile dayBefore = profileAt(-24 * 60 + 5, 10, "main");
    try (FakeCodeGuruProfiler f = fakeOn(dir);
        CodeGuruProfilerClient c = sdkClient(f)) {
      assertThat(dataDirectoryProblems(f)).isEmpty();
      assertThat(f.storedProfiles("big")).hasSize(1);

      postTo(c, "big", "refused", dayBefore); // a retry of the refused token, which now fits

      assertThat(f.storedProfiles("big")).hasSize(2);
      assertThat(
              f.aggregatedProfile("big", dayBefore.start(), dayBefore.end())
                  .orElseThrow()
                  .totalCount("WALL_TIME"))
          .isEqualTo(10);
    }
  }
}
