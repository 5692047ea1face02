package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;

/**
 * Many real SDK clients posting at once, with readers in between: nothing lost, nothing doubled.
 */
class ConcurrentClientsTest extends FakeServerTestBase {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eight_threads_times_500_posts_with_concurrent_readers_are_all_counted_exactly()
      throws Exception {
    int threads = 8;
    int postsPerThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < postsPerThread; i++) {
                  // Spread over 48 five-minute buckets (4 hours); thread t always adds t+1 samples.
                  byte[] body =
                      json(
                          profileAt(
                              (i % 48) * 5,
                              thread + 1,
                              "main",
                              "worker-" + thread,
                              "step-" + (i % 7)));
                  String token = "t" + thread + "-" + i;
                  client.postAgentProfile(
                      b ->
                          b.profilingGroupName(GROUP)
                              .contentType("application/json")
                              .profileToken(token)
                              .agentProfile(SdkBytes.fromByteArray(body)));
                }
                return null;
              }));
    }
    for (int r = 0; r < 2; r++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                while (writing.get()) {
                  client.listProfileTimes(
                      b ->
                          b.profilingGroupName(GROUP)
                              .period(AggregationPeriod.PT5_M)
                              .startTime(T0)
                              .endTime(T0.plus(Duration.ofHours(4))));
                  try {
                    client.getProfile(
                        b ->
                            b.profilingGroupName(GROUP)
                                .startTime(T0)
                                .endTime(T0.plus(Duration.ofHours(4)))
                                .accept("application/json"));
                  } catch (
                      software.amazon.awssdk.services.codeguruprofiler.model
                              .ResourceNotFoundException
                          beforeFirstPost) {
                    // a read can come before the first post lands
                  }
                  reads.incrementAndGet();
                }
                return null;
              }));
    }
    start.countDown();
    for (int i = 0; i < threads; i++) {
      futures.get(i).get(110, TimeUnit.SECONDS);
    }
    writing.set(false);
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(fake.profilePosts(GROUP))
        .hasSize(threads * postsPerThread)
        .allMatch(RecordedProfilePost::stored);
    assertThat(reads.get()).isPositive();
    Profile all =
        ProfileCodec.defaults()
            .decode(
                client
                    .getProfile(
                        b ->
                            b.profilingGroupName(GROUP)
                                .startTime(T0)
                                .endTime(T0.plus(Duration.ofHours(4)))
                                .accept("application/json"))
                    .profile()
                    .asByteArray(),
                ProfileFormat.JSON);
    long expected = 0;
    for (int t = 0; t < threads; t++) {
      expected += (long) (t + 1) * postsPerThread;
      assertThat(all.nodeAt("main", "worker-" + t).orElseThrow().totalCount("WALL_TIME"))
          .isEqualTo((long) (t + 1) * postsPerThread);
    }
    assertThat(all.totalCount("WALL_TIME")).isEqualTo(expected);
    assertThat(
            client
                .listProfileTimes(
                    b ->
                        b.profilingGroupName(GROUP)
                            .period(AggregationPeriod.PT5_M)
                            .startTime(T0)
                            .endTime(T0.plus(Duration.ofHours(4)))
                            .maxResults(100))
                .profileTimes())
        .hasSize(48);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void the_same_token_posted_from_several_threads_at_once_is_stored_once() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int round = 0; round < 20; round++) {
      String token = "shared-" + round;
      byte[] body = json(profileAt(round, 1, "main"));
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  client.postAgentProfile(
                      b ->
                          b.profilingGroupName(GROUP)
                              .contentType("application/json")
                              .profileToken(token)
                              .agentProfile(SdkBytes.fromByteArray(body)));
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    }
    pool.shutdown();

    assertThat(fake.profilePosts(GROUP)).hasSize(20 * threads);
    assertThat(fake.profilePosts(GROUP).stream().filter(RecordedProfilePost::stored).count())
        .isEqualTo(20);
    assertThat(
            fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofHours(1)))
                .orElseThrow()
                .totalCount("WALL_TIME"))
        .isEqualTo(20);
  }
}
