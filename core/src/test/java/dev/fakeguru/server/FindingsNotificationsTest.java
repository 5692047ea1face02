package dev.fakeguru.server;

import static dev.fakeguru.server.FindingsOperationsTest.INSTANCE_A;
import static dev.fakeguru.server.FindingsOperationsTest.INSTANCE_B;
import static dev.fakeguru.server.FindingsOperationsTest.anomaly;
import static dev.fakeguru.server.FindingsOperationsTest.instance;
import static dev.fakeguru.server.FindingsOperationsTest.recommendation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.findings.RecordedNotification;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.codeguruprofiler.model.Channel;
import software.amazon.awssdk.services.codeguruprofiler.model.EventPublisher;

/**
 * Notification channels added through the real SDK v2 client: scripting an anomaly records the
 * notification the service would publish to each channel, once per instance; nothing else does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FindingsNotificationsTest extends FakeServerTestBase {
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:perf-alerts";

  static String addChannel(String topic) {
    return client
        .addNotificationChannels(
            b ->
                b.profilingGroupName(GROUP)
                    .channels(
                        Channel.builder()
                            .uri(topic)
                            .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                            .build()))
        .notificationConfiguration()
        .channels()
        .stream()
        .filter(c -> c.uri().equals(topic))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void an_anomaly_notifies_every_channel_once_per_instance() throws Exception {
    // GIVEN two channels
    String first = addChannel(TOPIC);
    String second = addChannel(TOPIC + "-2");
    // WHEN an anomaly with two instances is detected
    fake.addAnomaly(
        GROUP,
        anomaly(
            instance(INSTANCE_A, T0, T0.plusSeconds(60)),
            instance(INSTANCE_B, T0.plusSeconds(120), T0.plusSeconds(180))));
    // THEN
    List<RecordedNotification> sent = fake.recordedNotifications();
    assertThat(sent)
        .extracting(
            RecordedNotification::channelId,
            RecordedNotification::channelUri,
            RecordedNotification::anomalyInstanceId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first, TOPIC, INSTANCE_A),
            org.assertj.core.groups.Tuple.tuple(first, TOPIC, INSTANCE_B),
            org.assertj.core.groups.Tuple.tuple(second, TOPIC + "-2", INSTANCE_A),
            org.assertj.core.groups.Tuple.tuple(second, TOPIC + "-2", INSTANCE_B));
    assertThat(sent)
        .allSatisfy(
            n -> {
              assertThat(n.profilingGroup()).isEqualTo(GROUP);
              assertThat(n.eventType()).isEqualTo("AnomalyDetection");
              assertThat(n.recordedAt()).isEqualTo(clock.instant());
            });
    JsonNode payload = new ObjectMapper().readTree(sent.get(1).payload());
    assertThat(payload.get("eventPublisher").asText()).isEqualTo("AnomalyDetection");
    assertThat(payload.get("profilingGroupName").asText()).isEqualTo(GROUP);
    assertThat(payload.get("profilingGroupArn").asText()).isEqualTo(fake.profilingGroupArn(GROUP));
    assertThat(payload.get("channelId").asText()).isEqualTo(first);
    JsonNode anomaly = payload.get("anomaly");
    assertThat(anomaly.get("metric").get("frameName").asText()).isEqualTo("Db.query");
    assertThat(anomaly.get("reason").asText()).isEqualTo("Db.query takes 3 times its usual share");
    assertThat(anomaly.get("instances")).hasSize(1);
    assertThat(anomaly.get("instances").get(0).get("id").asText()).isEqualTo(INSTANCE_B);
    assertThat(anomaly.get("instances").get(0).get("startTime").asText())
        .isEqualTo("2024-01-02T03:02:00.000Z");
  }

  @Test
  void only_anomalies_scripted_while_a_channel_exists_notify_it() {
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(60)));
    assertThat(fake.recordedNotifications()).as("no channel yet").isEmpty();

    String id = addChannel(TOPIC);
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(60)));
    assertThat(fake.recordedNotifications())
        .as("earlier anomalies and recommendations notify no one")
        .isEmpty();

    client.removeNotificationChannel(b -> b.profilingGroupName(GROUP).channelId(id));
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_B, T0, T0.plusSeconds(60))));
    assertThat(fake.recordedNotifications()).as("the channel was removed").isEmpty();
  }

  @Test
  void reset_forgets_the_notifications() {
    addChannel(TOPIC);
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));
    assertThat(fake.recordedNotifications()).hasSize(1);

    fake.reset();

    assertThat(fake.recordedNotifications()).isEmpty();
  }
}
