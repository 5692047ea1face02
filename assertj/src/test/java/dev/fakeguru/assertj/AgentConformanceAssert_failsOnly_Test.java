package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.conformance.ConformanceRule;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentConformanceAssert_failsOnly_Test {

  /** Posts before ConfigureAgent, then twice within the minimum reporting time. */
  private static TinyAgent brokenAgent() {
    TinyAgent agent = new TinyAgent();
    agent.sleep(5).post().configureAgent().sleep(60).post().sleep(10).post().configureAgent();
    return agent;
  }

  @Test
  void should_pass_when_exactly_these_rules_failed() {
    try (TinyAgent agent = brokenAgent()) {
      assertThat(agent.fake)
          .agentConformance("g")
          .failsOnly(
              ConformanceRule.MINIMUM_REPORTING_TIME,
              ConformanceRule.FIRST_CALL_IS_CONFIGURE_AGENT);
    }
  }

  @Test
  void should_fail_listing_the_failures_and_the_expected_rules_that_did_not_fail() {
    try (TinyAgent agent = brokenAgent()) {
      // WHEN
      AssertionError error =
          expectAssertionError(
              () ->
                  assertThat(agent.fake.conformance("g"))
                      .failsOnly(
                          ConformanceRule.MINIMUM_REPORTING_TIME, ConformanceRule.RETRY_BACKOFF));
      // THEN
      then(error.getMessage())
          .isEqualTo(
              """

              Expecting the agent of profiling group 'g' to fail only:
                minimum-reporting-time, retry-backoff
              but it failed:
                first-call-configure-agent, minimum-reporting-time
              failures:
                FAIL         first-call-configure-agent: 1 violation in 1 first call judged
                  rule: The agent's first call is ConfigureAgent.
                  #1 (+0.000 s) PostAgentProfile came before any ConfigureAgent
                FAIL         minimum-reporting-time: 1 violation in 2 post intervals judged
                  rule: Two new posts are never closer than MinimumTimeForReportingInMilliseconds.
                  #4 (+70.000 s) PostAgentProfile came 10.000 s after the post #3; \
              MinimumTimeForReportingInMilliseconds is 60000 (1 s tolerance)
              expected to fail but did not:
                NOT OBSERVED retry-backoff: no call was retried""");
    }
  }

  @Test
  void should_fail_when_more_rules_failed_than_expected() {
    try (TinyAgent agent = brokenAgent()) {
      // WHEN
      AssertionError error =
          expectAssertionError(
              () ->
                  assertThat(agent.fake.conformance("g"))
                      .failsOnly(ConformanceRule.MINIMUM_REPORTING_TIME));
      // THEN
      then(error.getMessage())
          .startsWith(
              """

              Expecting the agent of profiling group 'g' to fail only:
                minimum-reporting-time
              but it failed:
                first-call-configure-agent, minimum-reporting-time
              failures:
                FAIL         first-call-configure-agent:""")
          .doesNotContain("expected to fail but did not");
    }
  }

  @Test
  void should_fail_when_the_agent_broke_no_rule() {
    try (TinyAgent agent = new TinyAgent()) {
      agent.configureAgent().sleep(60).post().configureAgent();
      // WHEN
      AssertionError error =
          expectAssertionError(
              () ->
                  assertThat(agent.fake)
                      .agentConformance("g")
                      .failsOnly(ConformanceRule.PROFILE_TIME_RANGE));
      // THEN
      then(error.getMessage())
          .isEqualTo(
              """
              [fake > agent conformance of 'g'] \

              Expecting the agent of profiling group 'g' to fail only:
                profile-time-range
              but it failed:
                (no rule)
              expected to fail but did not:
                PASS         profile-time-range: 1 profile judged, none broke the rule""");
    }
  }

  @Test
  void should_refuse_a_null_rule() {
    try (TinyAgent agent = new TinyAgent()) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> assertThat(agent.fake.conformance("g")).failsOnly(null))
          .withMessage("The rules must not be null.");
    }
  }
}
