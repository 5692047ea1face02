package dev.fakeguru.conformance;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One rule's verdict in a {@link ConformanceReport}: pass, fail or not observed, a one-line summary
 * (what was judged, or why nothing was), and the evidence: every violation for a failure, the
 * deciding observations otherwise.
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * RuleVerdict v = report.verdict(ConformanceRule.PROFILE_TOKEN);
 * if (v.verdict() == Verdict.FAIL) {
 *   v.evidence().forEach(e -> System.out.println("#" + e.sequences().get(0) + " " + e.description()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RuleVerdict {

  /**
   * The rule judged.
   *
   * @return the rule
   */
  ConformanceRule rule();

  /**
   * The verdict.
   *
   * @return pass, fail or not observed
   */
  Verdict verdict();

  /**
   * What was judged (e.g. "6 posts judged"), what failed, or why the rule was not observed.
   *
   * @return one line
   */
  String summary();

  /**
   * The facts behind the verdict, in arrival order: for a failure, every violation (at most 20, the
   * summary counts them all).
   *
   * @return an immutable list, possibly empty
   */
  List<Evidence> evidence();
}
