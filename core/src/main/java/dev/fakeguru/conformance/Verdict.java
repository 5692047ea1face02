package dev.fakeguru.conformance;

import org.apiguardian.api.API;

/**
 * What a {@link ConformanceRule} made of the agent's calls.
 *
 * <pre>{@code
 * assertThat(report.verdict(ConformanceRule.RETRY_BACKOFF).verdict()).isEqualTo(Verdict.PASS);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Verdict {
  /** The agent did what the rule asks every time the rule applied. */
  PASS,
  /** The agent broke the rule at least once; the evidence says where. */
  FAIL,
  /** The rule never applied (e.g. no call failed, so nothing shows how the agent retries). */
  NOT_OBSERVED;

  /**
   * The verdict as the reports print it.
   *
   * @return {@code PASS}, {@code FAIL} or {@code NOT OBSERVED}
   */
  public String label() {
    return this == NOT_OBSERVED ? "NOT OBSERVED" : name();
  }
}
