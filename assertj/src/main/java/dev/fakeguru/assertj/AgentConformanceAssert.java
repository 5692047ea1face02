package dev.fakeguru.assertj;

import dev.fakeguru.conformance.ConformanceReport;
import org.apiguardian.api.API;

/**
 * Assertions over an agent conformance report; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(ConformanceReport)} or navigate to one with {@link
 * AbstractFakeCodeGuruProfilerAssert#agentConformance(String)}.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class AgentConformanceAssert
    extends AbstractAgentConformanceAssert<AgentConformanceAssert, ConformanceReport> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(ConformanceReport)}.
   *
   * @param actual the report under test
   */
  public AgentConformanceAssert(ConformanceReport actual) {
    super(actual, AgentConformanceAssert.class);
  }
}
