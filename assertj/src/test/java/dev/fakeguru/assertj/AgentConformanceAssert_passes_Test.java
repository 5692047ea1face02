package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.conformance.ConformanceReport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentConformanceAssert_passes_Test {

  @Test
  void should_pass_for_an_agent_that_reports_every_period() {
    try (TinyAgent agent = new TinyAgent()) {
      // GIVEN ConfigureAgent, then a post and a ConfigureAgent every 60 s
      agent.configureAgent().sleep(60).post().configureAgent().sleep(60).post().configureAgent();
      // THEN
      assertThat(agent.fake).agentConformance("g").passes();
      assertThat(agent.fake.conformance("g")).passes();
    }
  }

  @Test
  void should_fail_listing_each_broken_rule_with_its_evidence() {
    try (TinyAgent agent = new TinyAgent()) {
      // GIVEN a second post only 10 s after the first, though the minimum is 60 s
      agent.configureAgent().sleep(60).post().sleep(10).post().configureAgent();
      // WHEN
      AssertionError error =
          expectAssertionError(() -> assertThat(agent.fake).agentConformance("g").passes());
      // THEN
      then(error.getMessage())
          .isEqualTo(
              """
              [fake > agent conformance of 'g'] \

              Expecting the agent of profiling group 'g' to conform,
              but it broke 1 of 18 rules (13 passed, 4 not observed):
                FAIL         minimum-reporting-time: 1 violation in 1 post interval judged
                  rule: Two new posts are never closer than MinimumTimeForReportingInMilliseconds.
                  #3 (+70.000 s) PostAgentProfile came 10.000 s after the post #2; \
              MinimumTimeForReportingInMilliseconds is 60000 (1 s tolerance)""");
    }
  }

  @Test
  void should_fail_when_no_call_of_the_agent_arrived() {
    try (TinyAgent agent = new TinyAgent()) {
      // WHEN
      AssertionError error =
          expectAssertionError(() -> assertThat(agent.fake.conformance("g")).passes());
      // THEN
      then(error.getMessage())
          .isEqualTo(
              """

              Expecting the agent of profiling group 'g' to conform,
              but no ConfigureAgent or PostAgentProfile call for it arrived.""");
    }
  }

  @Test
  void should_be_collected_by_soft_assertions() {
    try (TinyAgent agent = new TinyAgent()) {
      agent.configureAgent().sleep(60).post().sleep(10).post();
      CodeGuruProfilerSoftAssertions softly = new CodeGuruProfilerSoftAssertions();
      // WHEN
      softly.assertThat(agent.fake.conformance("g")).passes();
      softly.check(() -> assertThat(agent.fake).agentConformance("g").passes());
      // THEN
      then(softly.errorsCollected())
          .hasSize(2)
          .allSatisfy(e -> then(e).hasMessageContaining("FAIL         minimum-reporting-time"));
    }
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    ConformanceReport actual = null;
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(actual).passes());
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }
}
