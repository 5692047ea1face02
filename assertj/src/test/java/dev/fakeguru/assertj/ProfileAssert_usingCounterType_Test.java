package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.BLOCKED;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_usingCounterType_Test {

  /**
   * Two counter types that disagree. WALL_TIME (100): queryDb 60, idle 40. RUNNABLE (50): render
   * 35, queryDb 10, handle 5.
   */
  static final Profile JVM =
      Profile.builder(EPOCH, EPOCH)
          .stack(60, "main", "handle", "queryDb")
          .stack(40, "main", "idle")
          .stack(RUNNABLE, 10, "main", "handle", "queryDb")
          .stack(RUNNABLE, 5, "main", "handle")
          .stack(RUNNABLE, 35, "main", "render")
          .build();

  /** {@link #JVM}'s WALL_TIME, but RUNNABLE: render 48, queryDb 2. */
  static final Profile BASELINE =
      Profile.builder(EPOCH, EPOCH)
          .stack(60, "main", "handle", "queryDb")
          .stack(40, "main", "idle")
          .stack(RUNNABLE, 2, "main", "handle", "queryDb")
          .stack(RUNNABLE, 48, "main", "render")
          .build();

  /** The call tree of {@link #JVM} as failure messages render it in RUNNABLE. */
  static final String RUNNABLE_TREE =
      """
      Call tree (RUNNABLE, depth ≤ 4, 20 children per node):
        profile  total 50
        └─ main  self 0  total 50 (100.0%)
           ├─ render  self 35  total 35 (70.0%)
           ├─ handle  self 5  total 15 (30.0%)
           │  └─ queryDb  self 10  total 10 (20.0%)
           └─ idle  self 0  total 0 (0.0%)""";

  @Test
  void should_measure_wall_time_by_default() {
    assertThat(JVM)
        .hasTotalSamples(100)
        .hasHottestFrameBySelf("queryDb")
        .hasFrameShareAtLeast("queryDb", 60.0);
  }

  @Test
  void should_apply_to_totals_and_name_the_counter_type_on_failure() {
    // GIVEN
    assertThat(JVM).usingCounterType(RUNNABLE).hasTotalSamples(50);
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(JVM).usingCounterType(RUNNABLE).hasTotalSamples(100));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the total RUNNABLE count of:
          profile
        to be:
          100
        but was:
          50
        (all counts: self 0, total RUNNABLE=50 WALL_TIME=100)""");
  }

  @Test
  void should_apply_to_frame_shares_and_render_the_tree_in_that_counter_type() {
    // GIVEN queryDb has 60% of WALL_TIME but 20% of RUNNABLE
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .hasFrameShareAtMost("queryDb", 20.0)
        .hasFrameShareAtLeast("render", 70.0);
    expectAssertionError(() -> assertThat(JVM).hasFrameShareAtMost("queryDb", 20.0));
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(JVM).usingCounterType(RUNNABLE).hasFrameShareAtLeast("queryDb", 50.0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the share of the profile's RUNNABLE total spent in:
          frame queryDb
        to be at least:
          50.0%
        but was:
          20.0% (10 of 50)
        """
                + RUNNABLE_TREE);
  }

  @Test
  void should_apply_to_hottest_frames_and_their_lists() {
    // GIVEN the hottest frame by self is queryDb in WALL_TIME, render in RUNNABLE
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .hasHottestFrameBySelf("render")
        .path("main")
        .hasHottestFrameByTotal("render");
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .hottestFramesBySelf(3)
        .containsExactly("render", "queryDb", "handle");
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .hottestFramesByTotal(2)
        .containsExactly("main", "render");
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(JVM).usingCounterType(RUNNABLE).hasHottestFrameBySelf("queryDb"));
    AssertionError listError =
        expectAssertionError(
            () ->
                assertThat(JVM)
                    .usingCounterType(RUNNABLE)
                    .hottestFramesBySelf(1)
                    .containsExactly("queryDb"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the hottest frame by self RUNNABLE count of profile to be:
          queryDb
        but it was:
          render
        Frames by self RUNNABLE count:
          1. render  35 (70.0%)
          2. queryDb  10 (20.0%)
          3. handle  5 (10.0%)""");
    then(listError.getMessage()).startsWith("[profile hottest frames by self RUNNABLE] ");
  }

  @Test
  void should_apply_to_share_growth_against_a_baseline() {
    // GIVEN queryDb kept 60% of WALL_TIME but went from 4% to 20% of RUNNABLE
    assertThat(JVM).hasFrameShareNotGrownBy("queryDb", 0.0, BASELINE);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(JVM)
                    .usingCounterType(RUNNABLE)
                    .hasFrameShareNotGrownBy("queryDb", 5.0, BASELINE));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the share of the profile's RUNNABLE total spent in frame:
          queryDb
        not to have grown by more than:
          5.0 pp
        compared with the baseline, but it grew by:
          +16.0 pp
        from (baseline):
          4.0% (2 of 50)
        to (actual):
          20.0% (10 of 50)""");
  }

  @Test
  void should_apply_to_hot_paths() {
    // GIVEN the same WALL_TIME hot paths, but main > handle has 4% of RUNNABLE in the baseline
    assertThat(JVM).hasSameHotPathsAs(BASELINE, 25.0);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(JVM).usingCounterType(RUNNABLE).hasSameHotPathsAs(BASELINE, 25.0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to have the same hot paths (total ≥ 25.0% of RUNNABLE) as the other profile,
        but these paths were hot only in the actual profile:
          main > handle  30.0% (other: 4.0%)
        and these paths were hot only in the other profile:
          (none)""");
  }

  @Test
  void should_render_trees_in_that_counter_type_in_messages_that_measure_nothing() {
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(JVM).usingCounterType(RUNNABLE).hasCallPath("main", "cache"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to contain call path:
          main > cache
        but the deepest matching frame was:
          main
        whose children were:
          render  self 35  total 35
          handle  self 5  total 15
          idle  self 0  total 0
        """
                + RUNNABLE_TREE);
  }

  @Test
  void should_leave_tree_equality_and_counter_type_sets_alone() {
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .hasCounterTypes(WALL_TIME, RUNNABLE)
        .isEqualToTree(JVM);
  }

  @Test
  void should_carry_the_selection_to_navigated_frames_and_paths() {
    // GIVEN handle: self WALL_TIME 0, self RUNNABLE 5; queryDb: self WALL_TIME 60, self RUNNABLE 10
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .frame("handle")
        .hasSelfSamples(5)
        .hasShareOfTotalAtLeast(30.0)
        .path("queryDb")
        .hasSelfSamples(10);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(JVM)
                    .usingCounterType(RUNNABLE)
                    .path("main", "handle")
                    .hasSelfSamples(6));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > handle]\s
        Expecting the self RUNNABLE count of:
          handle
        to be:
          6
        but was:
          5
        (all counts: self RUNNABLE=5, total RUNNABLE=15 WALL_TIME=60)""");
  }

  @Test
  void should_carry_the_selection_back_to_the_profile_and_the_parent() {
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .path("main", "handle")
        .hasSelfSamples(5)
        .returnToProfile()
        .hasTotalSamples(50);
    assertThat(JVM)
        .path("main", "handle")
        .usingCounterType(RUNNABLE)
        .returnToProfile()
        .hasTotalSamples(50);
    assertThat(JVM)
        .path("main")
        .path("handle")
        .usingCounterType(RUNNABLE)
        .returnToParent()
        .hasTotalSamples(50);
    assertThat(JVM)
        .usingCounterType(RUNNABLE)
        .path("main")
        .usingCounterType(WALL_TIME)
        .returnToProfile()
        .hasTotalSamples(100);
  }

  @Test
  void a_selection_on_a_navigated_node_should_reach_the_profile_only_by_returning() {
    // GIVEN
    ProfileAssert profileAssert = assertThat(JVM);
    // WHEN
    profileAssert.frame("handle").usingCounterType(RUNNABLE).hasSelfSamples(5);
    // THEN
    profileAssert.hasTotalSamples(100);
  }

  @Test
  void custom_assertions_should_read_the_selection_and_their_navigation_should_carry_it() {
    // GIVEN a user's own profile assertion
    JvmProfileAssert custom = new JvmProfileAssert(JVM);
    // THEN
    then(custom.measured()).isEqualTo(WALL_TIME);
    then(custom.usingCounterType(RUNNABLE).measured()).isEqualTo(RUNNABLE);
    custom.frame("queryDb").hasSelfSamples(10).returnToProfile().hasTotalSamples(50);
  }

  @Test
  void the_last_selection_should_win() {
    assertThat(JVM).usingCounterType(RUNNABLE).usingCounterType(WALL_TIME).hasTotalSamples(100);
  }

  @Test
  void a_counter_type_without_counts_should_count_zero_and_leave_no_share_to_compute() {
    // GIVEN
    assertThat(JVM).usingCounterType(BLOCKED).hasTotalSamples(0);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () -> assertThat(JVM).usingCounterType(BLOCKED).hasFrameShareAtLeast("main", 1.0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to have samples of counter type:
          BLOCKED
        to compute a share from, but its BLOCKED total was 0.""");
  }

  @Test
  void should_leave_the_null_check_to_the_assertion_that_follows() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat((Profile) null).usingCounterType(RUNNABLE).hasTotalSamples(1));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_reject_a_null_counter_type() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(JVM).usingCounterType(null))
        .withMessage("The counter type must not be null; use CounterTypes.WALL_TIME for samples.");
  }

  /**
   * What a user's own assertion class looks like: it extends the abstract class, not ProfileAssert.
   */
  static final class JvmProfileAssert extends AbstractProfileAssert<JvmProfileAssert, Profile> {
    JvmProfileAssert(Profile actual) {
      super(actual, JvmProfileAssert.class);
    }

    String measured() {
      return counterType();
    }
  }
}
