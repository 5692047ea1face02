package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static dev.fakeguru.profile.CounterTypes.WALL_TIME;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.Profile;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The assertions over a real profile posted by the CodeGuru Python agent 1.2.6. */
class PythonAgentProfile_Test {

  private static final String MODULE = "py_agent_driver:<module>";
  private static final String MAIN = "py_agent_driver:main";
  private static final String WORKLOAD = "py_agent_driver:workload";
  private static final String FIB = "py_agent_driver:fib";

  private final Profile profile = Fixtures.pythonAgentProfile1();

  @Test
  void should_find_the_sleep_under_main_with_its_wall_time() {
    assertThat(profile)
        .hasCallPath(MODULE, MAIN, "<Sleep>")
        .path(MODULE, MAIN, "<Sleep>")
        .hasSelfSamples(15)
        .usingCounterType(WALL_TIME)
        .hasSelfSamples(15)
        .isLeaf();
  }

  @Test
  void should_check_the_span_totals_and_counter_types() {
    assertThat(profile)
        .hasTimeRange(Instant.ofEpochMilli(1795345114008L), Instant.ofEpochMilli(1795345123915L))
        .hasTotalSamples(163)
        .hasCounterTypes(WALL_TIME)
        .hasMaxDepth(22)
        .hasMaxDepthAtMost(30);
  }

  @Test
  void should_match_python_frame_names_with_globs() {
    assertThat(profile)
        .hasFrameLike("py_agent_driver:PrimeSieve:*")
        .hasFrameLike("threading:Thread:_bootstrap*")
        .hasFrameLike("*:idle_worker")
        .hasFrameMatching("py_agent_driver:(fib|sort_work)");
  }

  @Test
  void recursive_fib_should_be_counted_once_per_sample() {
    // fib occurs 19 times; the totals of all occurrences add up to 219 samples, more than the
    // profile's 163, but only 14 samples have fib on their stack.
    assertThat(profile)
        .hasFrameShareAtLeast(FIB, 14 * 100.0 / 163)
        .hasFrameShareAtMost(FIB, 14 * 100.0 / 163)
        .frame(FIB)
        .hasShareOfTotalAtMost(8.6)
        .hasShareOfTotalAtLeast(8.5);
    assertThat(profile).hasCallPathAnywhere(FIB, FIB, FIB, FIB);
  }

  @Test
  void should_rank_the_hottest_frames() {
    // <Sleep> has 15 self samples under main and 74 under the idle worker thread
    assertThat(profile).hasHottestFrameBySelf("<Sleep>").hasFrameShareAtLeast("<Sleep>", 54.0);
    assertThat(profile)
        .hottestFramesBySelf(3)
        .containsExactly("<Sleep>", "py_agent_driver:hash_chain", "py_agent_driver:sort_work");
    assertThat(profile).path(MODULE, MAIN).hasChildren("<Sleep>", WORKLOAD).hasTotalSamples(89);
    assertThat(profile)
        .path(MODULE, MAIN, WORKLOAD)
        .hasHottestFrameByTotal("py_agent_driver:sort_work");
  }

  @Test
  void should_render_the_real_tree_in_failure_messages() {
    AssertionError error =
        expectAssertionError(
            () ->
                assertThat(profile)
                    .hasCallPath(MODULE, MAIN, WORKLOAD, "py_agent_driver:quicksort"));
    then(error.getMessage())
        .contains(
            "but the deepest matching frame was:%n  py_agent_driver:<module> > py_agent_driver:main > py_agent_driver:workload%n"
                .formatted())
        .contains(
            "whose children were:%n  py_agent_driver:sort_work  self 15  total 30%n  py_agent_driver:hash_chain  self 26  total 26%n"
                .formatted())
        .contains(
            "Call tree (WALL_TIME, depth ≤ 4, 20 children per node):%n  profile  total 163%n"
                .formatted())
        .contains("├─ py_agent_driver:<module>  self 0  total 89 (54.6%)")
        .contains(
            """
              │     │  ├─ py_agent_driver:fib  self 0  total 14 (8.6%)
              │     │  │  └─ … 18 frames deeper
            """)
        .endsWith(
            String.join(
                "\n",
                "  └─ threading:Thread:_bootstrap  self 0  total 74 (45.4%)",
                "     └─ threading:Thread:_bootstrap_inner  self 0  total 74 (45.4%)",
                "        └─ threading:Thread:run  self 0  total 74 (45.4%)",
                "           └─ py_agent_driver:idle_worker  self 0  total 74 (45.4%)",
                "              └─ … 1 frame deeper"));
  }

  @Test
  void should_show_no_hot_path_drift_against_itself() {
    assertThat(profile)
        .hasSameHotPathsAs(profile, 5.0)
        .hasFrameShareNotGrownBy(FIB, 0.0, profile)
        .isEqualToTree(profile);
  }
}
