package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_share_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void should_pass_when_frame_share_is_within_bounds() {
    assertThat(profile)
        .hasFrameShareAtLeast("handle", 40.0)
        .hasFrameShareAtMost("handle", 40.0)
        .hasFrameShareAtMost("cache", 0.0)
        .hasFrameShareAtLeast("main", 45.0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error =
        expectAssertionError(() -> assertThat((Profile) null).hasFrameShareAtLeast("x", 1.0));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_share_and_tree_when_below_the_minimum() {
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).frame("handle").hasShareOfTotalAtLeast(50.0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > handle]\s
        Expecting the share of the profile's WALL_TIME total spent in:
          frame handle
        to be at least:
          50.0%
        but was:
          40.0% (40 of 100)
        Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
          profile  total 100
          ├─ idle  self 55  total 55 (55.0%)
          └─ main  self 0  total 45 (45.0%)
             ├─ handle  self 10  total 40 (40.0%)
             │  └─ queryDb  self 30  total 30 (30.0%)
             └─ render  self 5  total 5 (5.0%)""");
  }

  @Test
  void frame_share_should_sum_all_occurrences_and_count_recursion_once() {
    // GIVEN handle under main (30) and under render (10); fib recursive (6 samples)
    Profile p =
        Profile.builder(EPOCH, EPOCH)
            .stack(30, "main", "handle")
            .stack(10, "main", "render", "handle")
            .stack(5, "main", "fib", "fib", "fib")
            .stack(1, "main", "fib", "fib")
            .stack(54, "idle")
            .build();
    // THEN
    assertThat(p).frame("handle").hasShareOfTotalAtLeast(40.0).hasShareOfTotalAtMost(40.0);
    assertThat(p).path("main", "handle").hasShareOfTotalAtMost(30.0).hasShareOfTotalAtLeast(30.0);
    assertThat(p).hasFrameShareAtMost("fib", 6.0).hasFrameShareAtLeast("fib", 6.0);
    AssertionError error =
        expectAssertionError(() -> assertThat(p).frame("fib").hasShareOfTotalAtLeast(7.0));
    then(error.getMessage())
        .startsWith("[profile > main > fib (first of 3 occurrences)] ")
        .contains("  frame fib (all 3 occurrences)%n".formatted())
        .contains("  6.0%% (6 of 100)%n".formatted());
  }

  @Test
  void share_of_a_navigated_frame_should_be_relative_to_the_whole_profile() {
    assertThat(profile)
        .path("main")
        .frame("queryDb")
        .hasShareOfTotalAtLeast(30.0)
        .hasShareOfTotalAtMost(30.0);
  }

  @Test
  void at_most_should_fail_with_the_share() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasFrameShareAtMost("idle", 50.0));
    then(error.getMessage())
        .startsWith(
            """

        Expecting the share of the profile's WALL_TIME total spent in:
          frame idle
        to be at most:
          50.0%
        but was:
          55.0% (55 of 100)
        Call tree""");
  }

  @Test
  void should_fail_when_there_are_no_samples_of_the_counter_type() {
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(profile).usingCounterType(RUNNABLE).hasFrameShareAtLeast("handle", 1.0));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to have samples of counter type:
          RUNNABLE
        to compute a share from, but its RUNNABLE total was 0.""");
  }

  @Test
  void should_reject_percentages_outside_0_to_100() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasFrameShareAtLeast("handle", 101.0))
        .withMessage("The percentage must be between 0 and 100, but was 101.0.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).frame("handle").hasShareOfTotalAtMost(Double.NaN))
        .withMessage("The percentage must be between 0 and 100, but was NaN.");
  }
}
