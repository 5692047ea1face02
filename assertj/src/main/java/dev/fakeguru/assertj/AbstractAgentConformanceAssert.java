package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.AbstractCallTreeAssert.requireNonNullArgument;
import static dev.fakeguru.assertj.error.ShouldConform.shouldConform;
import static dev.fakeguru.assertj.error.ShouldConform.shouldFailOnly;

import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ConformanceRule;
import dev.fakeguru.conformance.RuleVerdict;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over an agent conformance report ({@code fake.conformance(group)}, a scenario run's
 * report, or {@link AbstractFakeCodeGuruProfilerAssert#agentConformance(String)}): that the agent
 * conforms, or that it fails exactly the rules a test expects. Failure messages list each failed
 * rule with its evidence: the calls by sequence number, when they came, and the values compared.
 *
 * <pre>{@code
 * assertThat(fake).agentConformance("my-app").passes();
 * assertThat(run.awaitEnd(Duration.ofMinutes(3))).failsOnly(ConformanceRule.RETRY_BACKOFF);
 * }</pre>
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractAgentConformanceAssert<
        SELF extends AbstractAgentConformanceAssert<SELF, ACTUAL>, ACTUAL extends ConformanceReport>
    extends AbstractAssert<SELF, ACTUAL> {

  /**
   * Creates the assertion.
   *
   * @param actual the report under test
   * @param selfType the concrete assertion class
   */
  protected AbstractAgentConformanceAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Verifies that the agent conforms: it made at least one call in the report's window and broke no
   * rule (rules not observed are fine).
   *
   * <pre>{@code
   * // the agent called ConfigureAgent, then posted every period with well-formed profiles
   *
   * // assertion will pass
   * assertThat(fake).agentConformance("g").passes();
   *
   * // assertion will fail once the agent posts twice within MinimumTimeForReportingInMilliseconds
   * assertThat(fake).agentConformance("g").passes();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a rule failed (the message lists each with its evidence), or no call
   *     of the agent arrived
   */
  public SELF passes() {
    isNotNull();
    if (!actual.passes()) {
      throw assertionError(shouldConform(actual));
    }
    return myself;
  }

  /**
   * Verifies that the agent failed exactly these rules, and passed or was not observed on every
   * other.
   *
   * <pre>{@code
   * // the agent retried a throttled post at once, twice
   *
   * // assertion will pass
   * assertThat(fake).agentConformance("g").failsOnly(ConformanceRule.RETRY_BACKOFF);
   *
   * // assertion will fail: RETRY_BACKOFF failed too
   * assertThat(fake).agentConformance("g").failsOnly(ConformanceRule.PROFILE_TOKEN);
   * }</pre>
   *
   * @param rule a rule expected to fail
   * @param more more rules expected to fail
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the failed rules are not exactly these (the message lists the
   *     failures with their evidence, and the verdicts of expected rules that did not fail)
   * @throws IllegalArgumentException if a rule is {@code null}
   */
  public SELF failsOnly(ConformanceRule rule, ConformanceRule... more) {
    isNotNull();
    requireNonNullArgument(rule, "The rules must not be null.");
    Set<ConformanceRule> expected = EnumSet.of(rule);
    for (ConformanceRule r : more) {
      requireNonNullArgument(r, "The rules must not be null.");
      expected.add(r);
    }
    Set<ConformanceRule> failed =
        actual.failures().stream().map(RuleVerdict::rule).collect(Collectors.toSet());
    if (!failed.equals(expected)) {
      throw assertionError(shouldFailOnly(actual, expected));
    }
    return myself;
  }
}
