package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileAssert_shape_Test {

  private static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant END = Instant.parse("2024-01-02T03:05:00Z");

  private final Profile profile = Fixtures.webApp();

  @Test
  void should_pass_on_depth_totals_counter_types_and_time_range() {
    assertThat(profile)
        .hasMaxDepth(3)
        .hasMaxDepthAtMost(3)
        .hasTotalSamples(100)
        .hasCounterTypes(WALL_TIME)
        .hasTimeRange(START, END)
        .startsAt(START)
        .endsAt(END)
        .usingCounterType(RUNNABLE)
        .hasTotalSamples(0);
    assertThat(Profile.builder(EPOCH, EPOCH).build())
        .hasMaxDepth(0)
        .hasTotalSamples(0)
        .hasCounterTypes();
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error = expectAssertionError(() -> assertThat((Profile) null).hasMaxDepth(1));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void max_depth_failure_should_show_a_deepest_stack() {
    AssertionError error = expectAssertionError(() -> assertThat(profile).hasMaxDepthAtMost(2));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the max depth of profile to be at most:
          2
        but was:
          3
        along the deepest stack:
          main > handle > queryDb""");
  }

  @Test
  void total_samples_failure_should_show_all_counts() {
    AssertionError error = expectAssertionError(() -> assertThat(profile).hasTotalSamples(99));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the total WALL_TIME count of:
          profile
        to be:
          99
        but was:
          100
        (all counts: self 0, total WALL_TIME=100)""");
  }

  @Test
  void counter_types_failure_should_list_both_sets() {
    Profile jvm = Profile.builder(EPOCH, EPOCH).stack(RUNNABLE, 1, "main").stack(1, "main").build();
    AssertionError error = expectAssertionError(() -> assertThat(jvm).hasCounterTypes(WALL_TIME));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the counter types of profile to be exactly (in any order):
          WALL_TIME
        but were:
          RUNNABLE, WALL_TIME""");
  }

  @Test
  void time_range_failures_should_show_both_spans() {
    Instant other = Instant.parse("2024-01-02T03:04:00Z");
    then(expectAssertionError(() -> assertThat(profile).hasTimeRange(START, other)).getMessage())
        .isEqualTo(
            """

        Expecting profile to cover:
          2024-01-02T03:00:00Z .. 2024-01-02T03:04:00Z
        but it covered:
          2024-01-02T03:00:00Z .. 2024-01-02T03:05:00Z""");
    then(expectAssertionError(() -> assertThat(profile).startsAt(other)).getMessage())
        .isEqualTo(
            "%nExpecting profile to start at:%n  2024-01-02T03:04:00Z%nbut it started at:%n  2024-01-02T03:00:00Z"
                .formatted());
    then(expectAssertionError(() -> assertThat(profile).endsAt(other)).getMessage())
        .isEqualTo(
            "%nExpecting profile to end at:%n  2024-01-02T03:04:00Z%nbut it ended at:%n  2024-01-02T03:05:00Z"
                .formatted());
  }

  @Test
  void should_reject_invalid_arguments_with_sentences() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasMaxDepth(-1))
        .withMessage("The expected depth must not be negative, but was -1.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).startsAt(null))
        .withMessage("The expected start must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasCounterTypes((String[]) null))
        .withMessage("The expected counter types must not be null.");
  }
}
