package dev.fakeguru.conformance;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One fact behind a verdict: the calls it cites (by their sequence numbers, as in {@code
 * RecordedCall.sequence()}), when the first of them arrived on the fake's clock, and what was seen
 * there, with the numbers compared (times, periods, bytes).
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * Evidence e = report.verdict(ConformanceRule.MINIMUM_REPORTING_TIME).evidence().get(0);
 * e.sequences();    // [7, 5]
 * e.description();  // "PostAgentProfile 30.000 s after #5; the minimum is 60.000 s ..."
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Evidence {

  /**
   * The calls this fact is about, the one it happened at first.
   *
   * @return sequence numbers, never empty
   */
  List<Long> sequences();

  /**
   * When the first cited call arrived, on the fake's clock.
   *
   * @return the arrival instant
   */
  Instant at();

  /**
   * What was seen, with the values compared.
   *
   * @return one sentence, without the sequence number of the first cited call
   */
  String description();
}
