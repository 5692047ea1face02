package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_regression_Test {

  private final Profile baseline =
      Profile.builder(EPOCH, EPOCH).stack(20, "main", "queryDb").stack(80, "main").build();
  private final Profile current =
      Profile.builder(EPOCH, EPOCH).stack(65, "main", "queryDb").stack(135, "main").build();

  @Test
  void should_pass_when_share_grew_by_at_most_the_allowed_points() {
    // 20.0% -> 32.5%
    assertThat(current)
        .hasFrameShareNotGrownBy("queryDb", 12.5, baseline)
        .hasFrameShareNotGrownBy("main", 0.0, baseline);
    assertThat(baseline).hasFrameShareNotGrownBy("queryDb", 0.0, current);
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat((Profile) null).hasFrameShareNotGrownBy("x", 1.0, baseline));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_both_shares_when_share_grew_too_much() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(current).hasFrameShareNotGrownBy("queryDb", 5.0, baseline));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the share of the profile's WALL_TIME total spent in frame:
          queryDb
        not to have grown by more than:
          5.0 pp
        compared with the baseline, but it grew by:
          +12.5 pp
        from (baseline):
          20.0% (20 of 100)
        to (actual):
          32.5% (65 of 200)""");
  }

  @Test
  void a_frame_new_in_the_profile_grows_from_zero() {
    Profile withCache =
        Profile.builder(EPOCH, EPOCH).stack(10, "main", "cache").stack(90, "main").build();
    assertThat(withCache).hasFrameShareNotGrownBy("cache", 10.0, baseline);
    then(expectAssertionError(
                () -> assertThat(withCache).hasFrameShareNotGrownBy("cache", 9.9, baseline))
            .getMessage())
        .contains("from (baseline):%n  0.0%% (0 of 100)".formatted());
  }

  @Test
  void should_reject_a_baseline_without_samples() {
    thenIllegalArgumentException()
        .isThrownBy(
            () ->
                assertThat(current)
                    .hasFrameShareNotGrownBy("queryDb", 1.0, Profile.builder(EPOCH, EPOCH).build()))
        .withMessage(
            "The baseline profile has no WALL_TIME samples, so shares cannot be compared with it.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(current).hasFrameShareNotGrownBy("queryDb", 1.0, null))
        .withMessage("The baseline profile must not be null.");
  }

  @Test
  void hasSameHotPathsAs_should_pass_when_the_hot_parts_match() {
    Profile before =
        Profile.builder(EPOCH, EPOCH)
            .stack(60, "main", "handle")
            .stack(40, "main", "render")
            .build();
    Profile after =
        Profile.builder(EPOCH, EPOCH)
            .stack(55, "main", "handle")
            .stack(45, "main", "render")
            .stack(1, "main", "log")
            .build();
    assertThat(after).hasSameHotPathsAs(before, 20.0).hasSameHotPathsAs(before, 100.0);
  }

  @Test
  void hasSameHotPathsAs_should_fail_listing_paths_hot_on_one_side_only() {
    Profile before =
        Profile.builder(EPOCH, EPOCH)
            .stack(60, "main", "handle")
            .stack(40, "main", "render")
            .build();
    Profile after =
        Profile.builder(EPOCH, EPOCH)
            .stack(55, "main", "handle")
            .stack(45, "main", "render")
            .build();
    AssertionError error =
        expectAssertionError(() -> assertThat(after).hasSameHotPathsAs(before, 42.0));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to have the same hot paths (total ≥ 42.0% of WALL_TIME) as the other profile,
        but these paths were hot only in the actual profile:
          main > render  45.0% (other: 40.0%)
        and these paths were hot only in the other profile:
          (none)""");
  }

  @Test
  void hasSameHotPathsAs_should_reject_thresholds_outside_0_to_100() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(current).hasSameHotPathsAs(baseline, 0.0))
        .withMessage(
            "The hot-path threshold must be above 0 and at most 100 percent, but was 0.0.");
  }
}
