package dev.fakeguru.findings;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A findings report: the API's {@code FindingsReportSummary}, as ListFindingsReports and
 * GetFindingsReportAccountSummary answer it. The fake derives reports from the scripted findings of
 * a profiling group: one <em>daily</em> report for every UTC day that a recommendation or an
 * anomaly instance overlaps, and one report for the exact range of every scripted recommendation
 * and every anomaly instance with an end (unless that range is a whole UTC day, whose daily report
 * it is). Each report counts the findings its range overlaps, so GetRecommendations for a report's
 * range answers {@link #totalNumberOfFindings()} recommendations and anomalies.
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<FindingsReport> reports = fake.findingsReports("checkout");
 * assertThat(reports).filteredOn(FindingsReport::daily).hasSize(1);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface FindingsReport {

  /**
   * The report's id, the same in every answer for the same group and range.
   *
   * @return a lower-case UUID
   */
  String id();

  /**
   * The profiling group the report is about.
   *
   * @return the group's name
   */
  String profilingGroupName();

  /**
   * The start of the range analysed.
   *
   * @return the instant
   */
  Instant profileStartTime();

  /**
   * The end of the range analysed.
   *
   * @return the instant, after the start
   */
  Instant profileEndTime();

  /**
   * How many findings the range overlaps: recommendations plus anomalies.
   *
   * @return at least 1
   */
  int totalNumberOfFindings();

  /**
   * Whether this is a daily report (a whole UTC day), the kind {@code dailyReportsOnly} keeps.
   *
   * @return true for a daily report
   */
  boolean daily();
}
