package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.Metric;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.Channel;
import software.amazon.awssdk.services.codeguruprofiler.model.EventPublisher;

/**
 * A bot that turns anomalies into chat messages, with a "useful?" button. The test decides what the
 * service found (an anomaly with two instances), then checks the messages, the feedback the button
 * sent, and the notification the service would have published to the team's SNS topic.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", failOnUnexpectedCalls = true)
class AnomalyBotTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final String FIRST = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";
  static final String SECOND = "1c7d2a1f-4b5c-4d9f-8e4a-3a2f1d0b8c22";
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:perf-alerts";

  static Anomaly slowQueries() {
    // tag::scripted-anomaly[]
    // What the service "found": Db.query took 3 times its usual share, 03:00-03:10 and since 04:00.
    return Anomaly.builder()
        .metric(Metric.of("Db.query"))
        .reason("Db.query takes 3 times its usual share of the samples")
        .instance(
            AnomalyInstance.builder()
                .id(FIRST)
                .startTime(T0)
                .endTime(T0.plus(Duration.ofMinutes(10)))
                .build())
        .instance(
            AnomalyInstance.builder().id(SECOND).startTime(T0.plus(Duration.ofHours(1))).build())
        .build(); // an instance without an end is still going on
    // end::scripted-anomaly[]
  }

  @Test
  void turnsEachAnomalyIntoAMessageAndSendsTheUsersFeedback(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // tag::anomaly-bot[]
    fake.addAnomaly("checkout", slowQueries());

    List<String> chat = new ArrayList<>();
    AnomalyBot bot = new AnomalyBot(client, "checkout", chat::add);
    bot.postAnomalies(T0, T0.plus(Duration.ofDays(1)));
    bot.feedback(FIRST, true, "found the missing index"); // the user clicked "useful"

    assertThat(chat)
        .containsExactly(
            "[checkout] Db.query: Db.query takes 3 times its usual share of the samples,"
                + " 2024-01-02 03:00 to 2024-01-02 03:10 UTC #"
                + FIRST,
            "[checkout] Db.query: Db.query takes 3 times its usual share of the samples,"
                + " 2024-01-02 04:00 UTC, ongoing #"
                + SECOND);
    assertThat(fake).hasReceivedFeedback(1).hasReceivedFeedback(FIRST, FeedbackType.POSITIVE);
    // end::anomaly-bot[]
    assertThat(fake.receivedFeedback().get(0).comment()).hasValue("found the missing index");
  }

  @Test
  void laterMessagesShowTheFeedbackAlreadyGiven(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    fake.addAnomaly("checkout", slowQueries());
    List<String> chat = new ArrayList<>();
    AnomalyBot bot = new AnomalyBot(client, "checkout", chat::add);

    bot.feedback(SECOND, false, "expected: nightly batch");
    bot.postAnomalies(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofDays(1)));

    assertThat(chat).singleElement().asString().contains("ongoing (rated Negative) #" + SECOND);
  }

  @Test
  void theTeamsTopicWouldHaveBeenNotified(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // tag::anomaly-notification[]
    // The team subscribed its SNS topic to the group's anomalies ...
    client.addNotificationChannels(
        r ->
            r.profilingGroupName("checkout")
                .channels(
                    Channel.builder()
                        .uri(TOPIC)
                        .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                        .build()));

    fake.addAnomaly("checkout", slowQueries());

    // ... so the service would have published one message per anomaly instance (nothing is sent).
    assertThat(fake).hasRecordedNotifications(TOPIC, 2);
    RecordedNotification first = fake.recordedNotifications().get(0);
    assertThat(first.eventType()).isEqualTo("AnomalyDetection");
    assertThat(first.payload()).contains("\"frameName\":\"Db.query\"", FIRST);
    // end::anomaly-notification[]
  }
}
