package dev.fakeguru.findings;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What an {@link Anomaly} was detected in: the API's {@code Metric}, a frame's share of the samples
 * of some thread states over time.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Metric metric = Metric.of("Db.query", "RUNNABLE", "BLOCKED");
 * }</pre>
 *
 * @param frameName the frame the metric is about
 * @param type how the metric is computed: {@value #AGGREGATED_RELATIVE_TOTAL_TIME}, the API's only
 *     {@code MetricType}
 * @param threadStates the thread states counted; empty means every counter type
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Metric(String frameName, String type, List<String> threadStates) {

  /** The API's only {@code MetricType}: a frame's share of the samples. */
  public static final String AGGREGATED_RELATIVE_TOTAL_TIME = "AggregatedRelativeTotalTime";

  /** Validates and copies. */
  public Metric {
    Checks.text(frameName, "frameName");
    if (!AGGREGATED_RELATIVE_TOTAL_TIME.equals(type)) {
      throw new IllegalArgumentException(
          "type must be " + AGGREGATED_RELATIVE_TOTAL_TIME + ", but was " + type);
    }
    threadStates = Checks.strings(threadStates, "threadStates");
  }

  /**
   * The {@value #AGGREGATED_RELATIVE_TOTAL_TIME} metric of a frame.
   *
   * @param frameName the frame
   * @param threadStates the thread states counted; none means every counter type
   * @return the metric
   */
  public static Metric of(String frameName, String... threadStates) {
    return new Metric(frameName, AGGREGATED_RELATIVE_TOTAL_TIME, List.of(threadStates));
  }
}
