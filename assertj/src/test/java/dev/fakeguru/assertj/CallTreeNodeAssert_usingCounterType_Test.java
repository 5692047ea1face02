package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.BLOCKED;
import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class CallTreeNodeAssert_usingCounterType_Test {

  /** WALL_TIME (100): queryDb 60, idle 40. RUNNABLE (50): render 35, queryDb 10, handle 5. */
  private final Profile jvm = ProfileAssert_usingCounterType_Test.JVM;

  @Test
  void should_apply_to_the_self_count() {
    assertThat(jvm)
        .path("main", "handle")
        .hasSelfSamples(0)
        .usingCounterType(RUNNABLE)
        .hasSelfSamples(5);
  }

  @Test
  void should_apply_to_the_share_of_the_profile_total() {
    // GIVEN queryDb has 60% of WALL_TIME, 20% of RUNNABLE
    assertThat(jvm)
        .frame("queryDb")
        .hasShareOfTotalAtLeast(60.0)
        .usingCounterType(RUNNABLE)
        .hasShareOfTotalAtMost(20.0);
    // WHEN
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(jvm)
                    .frame("queryDb")
                    .usingCounterType(RUNNABLE)
                    .hasShareOfTotalAtLeast(25.0));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > handle > queryDb]\s
        Expecting the share of the profile's RUNNABLE total spent in:
          frame queryDb
        to be at least:
          25.0%
        but was:
          20.0% (10 of 50)
        """
                + ProfileAssert_usingCounterType_Test.RUNNABLE_TREE);
  }

  @Test
  void a_node_asserted_on_its_own_should_measure_shares_of_itself_and_pass_the_selection_down() {
    // GIVEN handle has 15 of main's 50 RUNNABLE samples, but 60 of its 100 WALL_TIME samples
    CallTreeNode main = jvm.callTree().child("main").orElseThrow();
    // THEN
    assertThat(main)
        .usingCounterType(RUNNABLE)
        .hasTotalSamples(50)
        .hasHottestFrameBySelf("render")
        .path("handle")
        .hasSelfSamples(5)
        .hasShareOfTotalAtLeast(30.0)
        .hasShareOfTotalAtMost(30.0)
        .returnToParent()
        .hasFrameShareAtMost("handle", 30.0);
  }

  @Test
  void should_fail_when_the_reference_has_no_counts_of_that_type() {
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(jvm)
                    .frame("idle")
                    .usingCounterType(BLOCKED)
                    .hasShareOfTotalAtLeast(1.0));
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > idle]\s
        Expecting profile to have samples of counter type:
          BLOCKED
        to compute a share from, but its BLOCKED total was 0.""");
  }

  @Test
  void should_show_children_with_counts_of_that_type() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(jvm).path("main").usingCounterType(RUNNABLE).hasChildren("handle"));
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main]\s
        Expecting the children of:
          main
        to be exactly (in any order):
          handle
        but were:
          render  self 35  total 35
          handle  self 5  total 15
          idle  self 0  total 0
        unexpected:
          idle, render""");
  }
}
