package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.Profile;
import org.junit.jupiter.api.Test;

/** Frame names are free text: none of them may be interpreted by AssertJ's message formatting. */
class ErrorMessages_escaping_Test {

  private final Profile profile =
      Profile.builder(EPOCH, EPOCH).stack(1, "100%", "50%n", "%s", "%d%%").build();

  @Test
  void should_render_percent_signs_verbatim_in_tree_messages() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).hasCallPath("100%", "50%n", "%x"));
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting profile to contain call path:
          100% > 50%n > %x
        but the deepest matching frame was:
          100% > 50%n
        whose children were:
          %s  self 0  total 1
        Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
          profile  total 1
          └─ 100%  self 0  total 1 (100.0%)
             └─ 50%n  self 0  total 1 (100.0%)
                └─ %s  self 0  total 1 (100.0%)
                   └─ %d%%  self 1  total 1 (100.0%)""");
  }

  @Test
  void should_render_percent_signs_verbatim_in_described_navigation() {
    AssertionError error =
        expectAssertionError(() -> assertThat(profile).frame("%s").hasSelfSamples(2));
    then(error.getMessage())
        .startsWith(
            "[profile > 100% > 50%n > %s] \nExpecting the self WALL_TIME count of:\n  %s\n");
  }

  @Test
  void should_render_percent_signs_verbatim_in_tree_equality() {
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(profile)
                    .isEqualToTree(Profile.builder(EPOCH, EPOCH).stack(1, "100%").build()));
    then(error.getMessage()).contains("  └─ 100%  self 0  total WALL_TIME=1\n     └─ 50%n  self 0");
  }
}
