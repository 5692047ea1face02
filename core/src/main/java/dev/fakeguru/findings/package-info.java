/**
 * What the fake "found" in a profiling group, as the test decides it: {@link
 * dev.fakeguru.findings.Recommendation recommendations} (a {@link dev.fakeguru.findings.Pattern}
 * with its {@link dev.fakeguru.findings.Match matches}) and {@link dev.fakeguru.findings.Anomaly
 * anomalies} (a {@link dev.fakeguru.findings.Metric} with its {@link
 * dev.fakeguru.findings.AnomalyInstance instances}), shaped as GetRecommendations answers them; the
 * {@link dev.fakeguru.findings.FindingsReport findings reports} the fake derives from them; and
 * what it records about them: {@link dev.fakeguru.findings.RecordedFeedback feedback} received
 * through SubmitFeedback and {@link dev.fakeguru.findings.RecordedNotification notifications} it
 * would have sent to the group's notification channels.
 *
 * <p>Tests build recommendations and anomalies; the fake creates reports, feedback and
 * notifications (interfaces without a public implementation), and tests only read them.
 *
 * <p>Public API.
 */
package dev.fakeguru.findings;
