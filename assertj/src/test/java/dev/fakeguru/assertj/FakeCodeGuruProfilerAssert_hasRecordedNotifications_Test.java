package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static dev.fakeguru.assertj.Failures.expectAssertionError;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenIllegalArgumentException;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.Metric;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeCodeGuruProfilerAssert_hasRecordedNotifications_Test extends StartedFake {
  static final String ALERTS = "arn:aws:sns:us-east-1:123456789012:alerts";
  static final String PAGER = "arn:aws:sns:us-east-1:123456789012:pager";
  static final String A = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";

  void scriptAnAnomaly() {
    fake.addAnomaly(
        "g",
        Anomaly.builder()
            .metric(Metric.of("Db.query"))
            .reason("slow")
            .instance(
                AnomalyInstance.builder()
                    .id(A)
                    .startTime(Instant.parse("2024-01-02T03:00:00Z"))
                    .build())
            .build());
  }

  @Test
  void should_pass_counting_notifications_overall_and_per_channel() {
    // GIVEN two channels, then an anomaly
    Http.addChannel(fake, "g", ALERTS);
    Http.addChannel(fake, "g", PAGER);
    scriptAnAnomaly();
    // THEN
    assertThat(fake)
        .hasRecordedNotifications(2)
        .hasRecordedNotifications(ALERTS, 1)
        .hasRecordedNotifications(PAGER, 1)
        .hasRecordedNotifications("arn:aws:sns:us-east-1:123456789012:other", 0);
  }

  @Test
  void should_fail_if_actual_is_null() {
    // GIVEN
    FakeCodeGuruProfiler actual = null;
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(actual).hasRecordedNotifications(1));
    // THEN
    then(error).hasMessage("%nExpecting actual not to be null".formatted());
  }

  @Test
  void should_fail_listing_the_notifications_recorded() {
    // GIVEN
    Http.addChannel(fake, "g", ALERTS);
    scriptAnAnomaly();
    // WHEN
    AssertionError error =
        expectAssertionError(() -> assertThat(fake).hasRecordedNotifications(PAGER, 1));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have recorded:
          1 notification to arn:aws:sns:us-east-1:123456789012:pager
        but it recorded:
          0
        notifications recorded:
          AnomalyDetection of g to arn:aws:sns:us-east-1:123456789012:alerts about 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11""");
  }

  @Test
  void should_fail_when_the_anomaly_came_before_the_channel() {
    // GIVEN no channel when the anomaly was scripted
    scriptAnAnomaly();
    Http.addChannel(fake, "g", ALERTS);
    // WHEN
    AssertionError error = expectAssertionError(() -> assertThat(fake).hasRecordedNotifications(1));
    // THEN
    then(error.getMessage())
        .isEqualTo(
            """

        Expecting the fake to have recorded:
          1 notification
        but it recorded:
          0
        notifications recorded:
          (none)""");
  }

  @Test
  void should_reject_a_null_channel_and_a_negative_count() {
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasRecordedNotifications(null, 1))
        .withMessage("The channel URI must not be null.");
    thenIllegalArgumentException()
        .isThrownBy(() -> assertThat(fake).hasRecordedNotifications(-2))
        .withMessage("The expected count must not be negative, but was -2.");
  }
}
