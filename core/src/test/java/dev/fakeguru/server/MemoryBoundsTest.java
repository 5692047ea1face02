package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.time.SettableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;

/**
 * What the fake retains is bounded by size, not only by count: the recorded calls and posts by the
 * bytes they hold (the oldest are evicted, and counted), the aggregates by their call-tree nodes (a
 * post that would need more is refused with 402 and changes nothing); the admin API reports both.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemoryBoundsTest extends FakeServerTestBase {
  static final Instant NOW = T0.plusSeconds(3 * 3600);
  static final ObjectMapper JSON = new ObjectMapper();

  /** A profile of {@code frames} distinct frames under the root, each with a count of 1. */
  static Profile wide(int minutesAfterT0, String prefix, int frames) {
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    for (int i = 0; i < frames; i++) {
      root.addStack("WALL_TIME", 1, List.of(prefix + ".frame" + i));
    }
    Instant start = T0.plusSeconds(60L * minutesAfterT0);
    return Profile.builder(start, start.plusSeconds(60)).callTree(root.build()).build();
  }

  private static void postTo(CodeGuruProfilerClient c, Profile p) {
    c.postAgentProfile(
        b ->
            b.profilingGroupName(GROUP)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(json(p))));
  }

  private static JsonNode status(FakeCodeGuruProfiler f) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/status")).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body());
  }

  @Test
  void recorded_posts_are_bounded_by_their_bytes_and_evictions_are_counted() throws Exception {
    long limit = 200_000;
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(NOW))
                .profilingGroup(GROUP)
                .adminApi(true)
                .maxRecordedBytes(limit)
                .start();
        CodeGuruProfilerClient c = sdkClient(f)) {
      long sent = 0;
      for (int i = 0; i < 12; i++) {
        Profile p = wide(i, "p" + i, 1000);
        sent += json(p).length;
        postTo(c, p);
      }

      List<RecordedProfilePost> kept = f.profilePosts();
      long keptBytes = kept.stream().mapToLong(RecordedProfilePost::bodySize).sum();
      assertThat(sent).isGreaterThan(limit);
      assertThat(keptBytes).isLessThanOrEqualTo(limit);
      assertThat(f.evictedProfilePosts()).isPositive().isEqualTo(12 - kept.size());
      assertThat(kept.get(kept.size() - 1).requireProfile().callTree().children()).hasSize(1000);
      assertThat(f.aggregatedProfile(GROUP, T0, NOW).orElseThrow().totalCount("WALL_TIME"))
          .as("what was aggregated stays aggregated")
          .isEqualTo(12 * 1000);
      JsonNode status = status(f);
      assertThat(status.path("recordedBytes").asLong()).isBetween(keptBytes, limit);
      assertThat(status.path("maxRecordedBytes").asLong()).isEqualTo(limit);
      assertThat(status.path("evictedPosts").asLong()).isEqualTo(f.evictedProfilePosts());
    }
  }

  @Test
  void large_call_bodies_are_bounded_too() throws Exception {
    try (FakeCodeGuruProfiler f =
        FakeCodeGuruProfiler.builder()
            .profilingGroup(GROUP)
            .adminApi(true)
            .maxRecordedBytes(300_000)
            .start()) {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(f.endpoint() + "/profilingGroups?clientToken=t"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
      }
      assertThat(f.recordedCalls()).hasSizeLessThanOrEqualTo(2);
      assertThat(f.evictedCalls()).isEqualTo(10 - f.recordedCalls().size());
      assertThat(status(f).path("recordedBytes").asLong()).isLessThanOrEqualTo(300_000);
    }
  }

  @Test
  void a_post_the_aggregates_cannot_hold_is_refused_with_402_and_changes_nothing(@TempDir Path dir)
      throws Exception {
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(NOW))
                .profilingGroup(GROUP)
                .adminApi(true)
                .dataDirectory(dir)
                .maxAggregatedNodes(2_000)
                .start();
        CodeGuruProfilerClient c = sdkClient(f)) {
      postTo(c, wide(1, "first", 3_000));
      long held = status(f).path("aggregatedNodes").asLong();
      // Kept as sent by its 5-minute bucket: charged its bytes (about 140 KB), at 200 a node.
      assertThat(held).isBetween(300L, 1_000L);
      Profile before = f.aggregatedProfile(GROUP, T0, NOW).orElseThrow();

      ServiceQuotaExceededException refused =
          catchThrowableOfType(
              ServiceQuotaExceededException.class, () -> postTo(c, wide(2, "second", 8_000)));

      assertThat(refused.statusCode()).isEqualTo(402);
      assertThat(refused.awsErrorDetails().errorMessage())
          .contains("maxAggregatedNodes")
          .contains("of at most 2000");
      assertThat(f.aggregatedProfile(GROUP, T0, NOW)).hasValue(before);
      assertThat(status(f).path("aggregatedNodes").asLong()).isEqualTo(held);
      assertThat(f.storedProfiles()).hasSize(1);
      try (Stream<Path> files = Files.list(dir.resolve("posts").resolve(GROUP))) {
        assertThat(files).hasSize(1);
      }

      f.deleteProfilingGroup(GROUP);
      assertThat(status(f).path("aggregatedNodes").asLong()).isZero();
      f.createProfilingGroup(GROUP);
      postTo(c, wide(2, "second", 8_000));
      assertThat(status(f).path("maxAggregatedNodes").asLong()).isEqualTo(2_000);
    }
  }

  @Test
  void repeated_frames_cost_no_new_nodes_once_a_bucket_is_merged() throws Exception {
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(NOW))
                .profilingGroup(GROUP)
                .adminApi(true)
                .start();
        CodeGuruProfilerClient c = sdkClient(f)) {
      for (int i = 0; i < 10; i++) {
        postTo(c, wide(i % 5, "same", 500)); // one 5-minute bucket, merged after 8 posts
      }
      long after10 = status(f).path("aggregatedNodes").asLong();
      for (int i = 0; i < 10; i++) {
        postTo(c, wide(i % 5, "same", 500));
      }
      assertThat(status(f).path("aggregatedNodes").asLong()).isEqualTo(after10);
      assertThat(after10)
          .as("the 5-minute bucket's merged tree; its hour and day derive from it")
          .isEqualTo(501);
    }
  }
}
