package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

class ProfileAssert_hasFrame_Test {

  private final Profile profile =
      Profile.builder(EPOCH, EPOCH)
          .stack(3, "main", "com.acme.Service.handle")
          .stack(2, "main", "polls.views:IndexView:get")
          .stack(1, "main", "com.acme.Service.handle", "100%")
          .build();

  @Test
  void should_pass_if_frame_exists_at_any_depth() {
    assertThat(profile).hasFrame("main").hasFrame("com.acme.Service.handle").hasFrame("100%");
  }

  @Test
  void should_fail_if_actual_is_null() {
    AssertionError error = expectAssertionError(() -> assertThat((Profile) null).hasFrame("main"));
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_with_tree_when_frame_is_missing() {
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(profile).hasFrame("handle"));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to contain frame:
          handle
        but it did not.
        Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
          profile  total 6
          └─ main  self 0  total 6 (100.0%)
             ├─ com.acme.Service.handle  self 3  total 4 (66.7%)
             │  └─ 100%  self 1  total 1 (16.7%)
             └─ polls.views:IndexView:get  self 2  total 2 (33.3%)""");
  }

  @Test
  void should_reject_null_frame_name() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasFrame(null))
        .withMessage("The frame name must not be null.");
  }

  @Test
  void doesNotHaveFrame_should_pass_if_frame_is_absent() {
    assertThat(profile).doesNotHaveFrame("handle").doesNotHaveFrame("100");
  }

  @Test
  void doesNotHaveFrame_should_fail_listing_every_occurrence() {
    AssertionError error = expectAssertionError(() -> assertThat(profile).doesNotHaveFrame("100%"));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile not to contain frame:
          100%
        but found it once (WALL_TIME):
          main > com.acme.Service.handle > 100%  self 1  total 1""");
  }

  @Test
  void hasFrameMatching_should_match_whole_names() {
    assertThat(profile).hasFrameMatching("com\\.acme\\..*\\.handle").hasFrameMatching("\\d+%");
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasFrameMatching("Service"));
    then(error.getMessage())
        .startsWith(
            "%nExpecting profile to contain a frame matching the regular expression:%n  Service%nbut it did not.%n"
                .formatted());
  }

  @Test
  void hasFrameMatching_should_reject_invalid_patterns() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(profile).hasFrameMatching("("))
        .withMessageStartingWith("The regular expression '(' is not valid: ");
  }

  @Test
  void hasFrameLike_should_fit_java_and_python_names() {
    assertThat(profile)
        .hasFrameLike("*Service.handle")
        .hasFrameLike("polls.views:*:get*")
        .hasFrameLike("polls.views:IndexView:ge?")
        .hasFrameLike("*");
  }

  @Test
  void hasFrameLike_should_fail_when_nothing_matches() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasFrameLike("*Repository.*"));
    then(error.getMessage())
        .startsWith(
            "%nExpecting profile to contain a frame matching the glob:%n  *Repository.*%nbut it did not.%n"
                .formatted())
        .contains("Call tree (WALL_TIME, depth ≤ 4, 20 children per node):");
  }
}
