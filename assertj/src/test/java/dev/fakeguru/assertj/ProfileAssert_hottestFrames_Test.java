package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_hottestFrames_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void should_pass_when_frame_is_the_hottest_by_self() {
    assertThat(profile).hasHottestFrameBySelf("idle").path("main").hasHottestFrameBySelf("queryDb");
  }

  @Test
  void should_pass_on_a_tie_for_the_top() {
    Profile tie = Profile.builder(EPOCH, EPOCH).stack(5, "a").stack(5, "b").build();
    assertThat(tie).hasHottestFrameBySelf("a").hasHottestFrameBySelf("b");
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error =
        expectAssertionError(() -> assertThat((Profile) null).hasHottestFrameBySelf("a"));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_the_ranking_when_another_frame_is_hotter() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasHottestFrameBySelf("handle"));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the hottest frame by self WALL_TIME count of profile to be:
          handle
        but it was:
          idle
        Frames by self WALL_TIME count:
          1. idle  55 (55.0%)
          2. queryDb  30 (30.0%)
          3. handle  10 (10.0%)
          4. render  5 (5.0%)""");
  }

  @Test
  void should_fail_when_no_frame_has_samples_of_the_counter_type() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).usingCounterType(RUNNABLE).hasHottestFrameBySelf("idle"));
    then(error.getMessage()).contains("but it was:%n  (no frame has samples)%n".formatted());
  }

  @Test
  void by_total_should_count_recursion_once() {
    // GIVEN fib recursion totals 6 samples, although the sum over its occurrences is 5 + 6 + 6 = 17
    Profile p =
        Profile.builder(EPOCH, EPOCH)
            .stack(5, "main", "fib", "fib", "fib")
            .stack(1, "main", "fib", "fib")
            .stack(10, "main", "io")
            .build();
    // THEN
    assertThat(p).hottestFramesByTotal(3).containsExactly("main", "io", "fib");
    assertThat(p).path("main").hasHottestFrameByTotal("io");
    AssertionError error =
        expectAssertionError(() -> assertThat(p).path("main").hasHottestFrameByTotal("fib"));
    then(error.getMessage()).contains("1. io  10 (62.5%%)%n  2. fib  6 (37.5%%)".formatted());
  }

  @Test
  void
      hottestFramesBySelf_should_rank_by_count_then_name_and_leave_out_frames_without_self_samples() {
    assertThat(profile).hottestFramesBySelf(2).containsExactly("idle", "queryDb");
    assertThat(profile)
        .hottestFramesBySelf(10)
        .containsExactly("idle", "queryDb", "handle", "render");
    assertThat(profile).hottestFramesBySelf(0).isEmpty();
    assertThat(profile).usingCounterType(RUNNABLE).hottestFramesBySelf(3).isEmpty();
  }

  @Test
  void hottest_frame_list_should_be_described() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).hottestFramesByTotal(1).containsExactly("main"));
    then(error.getMessage()).startsWith("[profile hottest frames by total WALL_TIME] ");
  }

  @Test
  void should_reject_negative_n() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hottestFramesBySelf(-1))
        .withMessage("The number of hottest frames must not be negative, but was -1.");
  }
}
