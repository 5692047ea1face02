package dev.fakeguru.assertj;

import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.recording.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeGuruProfilerSoftAssertions_fake_Test extends StartedFake {

  @Test
  void should_collect_every_failure_of_fake_and_post_assertions() {
    // GIVEN
    post("t1", WEB_APP);
    post("t1", WEB_APP);
    Http.get(fake, "/profilingGroups/missing");
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly
        .assertThat(fake)
        .hasStoredProfiles("g", 2)
        .hasReceivedCalls(Operation.CONFIGURE_AGENT, 1)
        .hasNoUnexpectedCalls()
        .hasReceivedProfilePosts(2);
    softly
        .assertThat(fake.profilePosts().get(1))
        .wasStored()
        .hasContentType("application/x-amzn-ion")
        .hasProfileToken("t1");
    // THEN
    List<AssertionError> errors = softly.assertionErrorsCollected();
    then(errors)
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            m ->
                then(m)
                    .startsWith(
                        "%nExpecting the fake to have:%n  2 stored profiles for profiling group 'g'%nbut it had:%n  1%n"
                            .formatted()),
            m ->
                then(m)
                    .startsWith(
                        "%nExpecting the fake to have received:%n  1 ConfigureAgent call%nbut it received:%n  0%n"
                            .formatted()),
            m ->
                then(m)
                    .contains(
                        "but it answered 1:%n  #3 DescribeProfilingGroup(missing) GET /profilingGroups/missing -> 404"
                            .formatted()),
            m -> then(m).contains("%nto have been stored,%nbut it was not".formatted()),
            m ->
                then(m)
                    .contains(
                        "%nto be:%n  application/x-amzn-ion%nbut was:%n  application/json"
                            .formatted()));
  }

  @Test
  void should_take_any_ProfilerFake() {
    // GIVEN the fake seen only through the interface the JUnit extension's field implements too
    ProfilerFake any = fake;
    post("t1", WORKER);
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly
        .assertThat(any)
        .hasReceivedProfilePosts(1)
        .hasReceivedProfilePosts(3)
        .hasNoUnexpectedCalls();
    // THEN
    then(softly.assertionErrorsCollected())
        .singleElement()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("to have received:%n  3 ".formatted());
  }

  @Test
  void should_pass_when_nothing_failed() {
    post("t1", WORKER);
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    softly.assertThat(fake).hasStoredProfiles(1).hasNoUnexpectedCalls().hasConsumedAllScripts();
    softly.assertThat(fake.profilePosts().get(0)).wasStored().isDecodable();
    softly.assertAll();
  }

  @Test
  void navigation_to_a_stored_profile_should_be_wrapped_in_check() {
    // GIVEN
    post("t1", WEB_APP);
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    // WHEN
    softly.check(
        () -> CodeGuruProfilerAssertions.assertThat(fake).storedProfile("g", 0).hasFrame("cache"));
    softly.check(() -> CodeGuruProfilerAssertions.assertThat(fake).storedProfile(1));
    softly.check(
        () ->
            CodeGuruProfilerAssertions.assertThat(fake.profilePosts().get(0))
                .profile()
                .hasTotalSamples(100));
    // THEN
    then(softly.assertionErrorsCollected())
        .extracting(Throwable::getMessage)
        .satisfiesExactly(
            first ->
                then(first)
                    .startsWith(
                        "[fake > stored profile #0 of group 'g'] %nExpecting profile to contain frame:%n  cache"
                            .formatted()),
            second ->
                then(second)
                    .contains(
                        "Expecting the fake to have a stored profile at index:%n  1".formatted()));
  }

  @Test
  void failed_navigation_in_soft_mode_returns_null_on_assertj_3() {
    CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
    ProfileAssert navigated = softly.assertThat(fake).storedProfile(0);
    then(navigated).isNull();
    then(softly.assertionErrorsCollected()).hasSize(1);
  }
}
