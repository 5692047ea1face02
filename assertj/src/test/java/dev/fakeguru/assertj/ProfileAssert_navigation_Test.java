package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalStateException;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_navigation_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void path_should_navigate_to_the_node_and_describe_it_by_its_path() {
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).path("main", "handle").hasSelfSamples(11));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > handle]\s
        Expecting the self WALL_TIME count of:
          handle
        to be:
          11
        but was:
          10
        (all counts: self WALL_TIME=10, total WALL_TIME=40)""");
  }

  @Test
  void path_should_fail_with_tree_when_the_path_is_missing() {
    AssertionError error = expectAssertionError(() -> assertThat(profile).path("main", "cache"));
    then(error.getMessage())
        .contains(
            "Expecting profile to contain call path:%n  main > cache%nbut the deepest matching frame was:%n  main%n"
                .formatted());
  }

  @Test
  void frame_should_navigate_to_the_first_occurrence_in_walk_order() {
    // GIVEN
    Profile twice = Profile.builder(EPOCH, EPOCH).stack(2, "a", "log").stack(3, "b", "log").build();
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(twice).frame("log").hasSelfSamples(3));
    // THEN
    then(error.getMessage()).startsWith("[profile > a > log (first of 2 occurrences)] ");
  }

  @Test
  void frame_should_fail_with_tree_when_the_frame_is_missing() {
    AssertionError error = expectAssertionError(() -> assertThat(profile).frame("cache"));
    then(error.getMessage())
        .startsWith(
            "%nExpecting profile to contain frame:%n  cache%nbut it did not.%nCall tree"
                .formatted());
  }

  @Test
  void navigation_should_chain_and_keep_the_user_description() {
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(profile)
                    .as("checkout")
                    .path("main")
                    .path("handle")
                    .frame("queryDb")
                    .hasChildren("x"));
    then(error.getMessage()).startsWith("[checkout > main > handle > queryDb] ");
  }

  @Test
  void returnToProfile_and_returnToParent_should_lead_back() {
    ProfileAssert profileAssert = assertThat(profile);
    CallTreeNodeAssert main = profileAssert.path("main");
    then(main.path("handle").returnToProfile()).isSameAs(profileAssert);
    then(main.path("handle").returnToParent()).isSameAs(main);
    then(main.returnToParent()).isSameAs(profileAssert);
    main.path("handle", "queryDb").isLeaf().returnToProfile().hasTotalSamples(100);
  }

  @Test
  void isLeaf_failure_should_show_the_children() {
    AssertionError error =
        expectAssertionError(
            () -> assertThat(profile).path("main", "handle").isLeaf().returnToProfile());
    then(error.getMessage())
        .isEqualTo(
            """
        [profile > main > handle]\s
        Expecting frame:
          handle
        to be a leaf (to have no children),
        but it had 1 child:
          queryDb  self 30  total 30""");
  }

  @Test
  void returnToProfile_should_refuse_without_a_profile() {
    CallTreeNode node = profile.callTree();
    thenIllegalStateException()
        .isThrownBy(() -> assertThat(node).path("main").returnToProfile())
        .withMessage(
            "This node assertion was not reached from a profile assertion, so there is no profile to return to.");
    thenIllegalStateException()
        .isThrownBy(() -> assertThat(node).returnToParent())
        .withMessage(
            "This node assertion was created with assertThat(node), not by navigation, so there is no parent to return to.");
  }

  @Test
  void children_should_list_the_top_frames_or_a_nodes_children_in_agent_order() {
    assertThat(profile).children().extracting(CallTreeNode::frame).containsExactly("main", "idle");
    assertThat(profile)
        .path("main")
        .children()
        .extracting(CallTreeNode::frame)
        .containsExactly("handle", "render");
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).path("main").children().hasSize(3));
    then(error.getMessage()).startsWith("[profile > main children] ");
  }
}
