package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Waiting for posts: a post that arrives while a test waits is handed over, and a wait that ends
 * empty fails with what did arrive.
 */
class TakeAndAwaitTest extends FakeServerTestBase {

  @Test
  void take_profile_post_hands_over_a_post_that_arrives_while_it_waits() throws Exception {
    Thread[] taker = new Thread[1];
    CompletableFuture<RecordedProfilePost> taken =
        CompletableFuture.supplyAsync(
            () -> {
              taker[0] = Thread.currentThread();
              return fake.takeProfilePost(Duration.ofSeconds(60));
            });
    awaitWaiting(taker);

    post(GROUP, profileAt(1, 5, "main"));

    RecordedProfilePost post = taken.get(60, TimeUnit.SECONDS);
    assertThat(post.profilingGroup()).isEqualTo(GROUP);
    assertThat(post.requireProfile().totalCount("WALL_TIME")).isEqualTo(5);
  }

  @Test
  void take_profile_post_hands_over_each_post_once_in_arrival_order() {
    post(GROUP, profileAt(1, 1, "first"));
    post(GROUP, profileAt(2, 2, "second"));

    assertThat(
            fake.takeProfilePost(Duration.ofSeconds(10)).requireProfile().totalCount("WALL_TIME"))
        .isEqualTo(1);
    assertThat(
            fake.takeProfilePost(Duration.ofSeconds(10)).requireProfile().totalCount("WALL_TIME"))
        .isEqualTo(2);
  }

  @Test
  void take_profile_post_fails_after_the_timeout_with_what_arrived() {
    post(GROUP, profileAt(1, 1, "main"));
    fake.takeProfilePost(Duration.ofSeconds(10));
    client.describeProfilingGroup(b -> b.profilingGroupName(GROUP));

    assertThatThrownBy(() -> fake.takeProfilePost(Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "No PostAgentProfile arrived within PT0.1S (beyond those already taken). The fake"
                + " received 2 calls:")
        .hasMessageContaining("PostAgentProfile")
        .hasMessageContaining("DescribeProfilingGroup");
  }

  @Test
  void await_stored_profiles_returns_them_once_enough_are_stored() {
    post(GROUP, profileAt(1, 1, "main"));
    post(GROUP, profileAt(2, 1, "main"));

    List<RecordedProfilePost> stored = fake.awaitStoredProfiles(GROUP, 2, Duration.ofSeconds(10));

    assertThat(stored).hasSize(2).allMatch(RecordedProfilePost::stored);
  }

  @Test
  void await_stored_profiles_fails_after_the_timeout_with_how_many_arrived() {
    post(GROUP, profileAt(1, 1, "main"));

    assertThatThrownBy(() -> fake.awaitStoredProfiles(GROUP, 2, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "Expected 2 stored profiles for profiling group 'my-app' within PT0.1S, but 1 arrived."
                + " The fake received 1 call:");
  }

  /** Waits, boundedly, until the thread that runs the take is parked waiting for a post. */
  private static void awaitWaiting(Thread[] taker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (taker[0] == null || taker[0].getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("the taker waits").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
