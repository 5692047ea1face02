package dev.fakeguru.assertj;

import static dev.fakeguru.profile.CounterTypes.RUNNABLE;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeGuruProfilerSoftAssertions_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void should_collect_every_failure_of_profile_and_node_assertions() {
    // GIVEN
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly.assertThat(profile).hasFrame("cache").hasTotalSamples(99).hasCallPath("main", "handle");
    softly.assertThat(profile.callTree()).hasMaxDepthAtMost(1);
    // THEN
    List<AssertionError> errors = softly.assertionErrorsCollected();
    then(errors).hasSize(3);
    then(errors.get(0))
        .hasMessageContaining("Expecting profile to contain frame:%n  cache%n".formatted());
    then(errors.get(1))
        .hasMessageContaining(
            "Expecting the total WALL_TIME count of:%n  profile%nto be:%n  99".formatted());
    then(errors.get(2))
        .hasMessageContaining(
            "Expecting the max depth of call tree to be at most:%n  1".formatted());
  }

  @Test
  void usingCounterType_should_keep_the_soft_proxy_and_its_selection() {
    // GIVEN
    Profile jvm = ProfileAssert_usingCounterType_Test.JVM;
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly
        .assertThat(jvm)
        .usingCounterType(RUNNABLE)
        .hasTotalSamples(49)
        .hasHottestFrameBySelf("render")
        .hasTotalSamples(51);
    softly.assertThat(jvm.callTree()).usingCounterType(RUNNABLE).hasTotalSamples(50);
    // THEN
    then(softly.assertionErrorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            first ->
                then(first)
                    .contains(
                        "Expecting the total RUNNABLE count of:%n  profile%nto be:%n  49%n"
                            .formatted()),
            second ->
                then(second)
                    .contains(
                        "Expecting the total RUNNABLE count of:%n  profile%nto be:%n  51%n"
                            .formatted()));
  }

  @Test
  void should_pass_when_nothing_failed() {
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    softly.assertThat(profile).hasFrame("handle").hasFrameShareAtLeast("handle", 40.0);
    softly.assertAll();
  }

  @Test
  void assertAll_should_report_all_failures_together() {
    // GIVEN
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    softly.assertThat(profile).hasFrame("cache");
    softly.assertThat(profile).hasMaxDepth(7);
    // WHEN
    AssertionError error = Failures.expectAssertionError(softly::assertAll);
    // THEN
    then(error.getMessage())
        .contains("Multiple Failures (2 failures)")
        .contains("-- failure 1 --")
        .contains("-- failure 2 --");
  }

  @Test
  void navigation_chains_should_be_wrapped_in_check() {
    // GIVEN
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly.check(
        () -> CodeGuruProfilerAssertions.assertThat(profile).frame("handle").hasSelfSamples(3));
    softly.check(
        () -> CodeGuruProfilerAssertions.assertThat(profile).frame("cache").hasSelfSamples(3));
    softly.check(() -> CodeGuruProfilerAssertions.assertThat(profile).frame("queryDb").isLeaf());
    // THEN
    then(softly.assertionErrorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            first ->
                then(first)
                    .startsWith("[profile > main > handle] ")
                    .contains("to be:%n  3%nbut was:%n  10".formatted()),
            second ->
                then(second).contains("Expecting profile to contain frame:%n  cache".formatted()));
  }

  @Test
  void failed_navigation_in_soft_mode_returns_null_on_assertj_3() {
    // Documents the AssertJ 3.x caveat described in CodeGuruProfilerSoftAssertions' Javadoc.
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    CallTreeNodeAssert navigated = softly.assertThat(profile).frame("cache");
    then(navigated).isNull();
    then(softly.assertionErrorsCollected()).hasSize(1);
  }
}
