package dev.fakeguru.findings;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A notification the service would have published to one of a profiling group's notification
 * channels (an SNS topic added with AddNotificationChannels). CodeGuru Profiler notifies when it
 * detects a new anomaly, so the fake records one notification per channel for every instance of an
 * anomaly scripted while the group has channels; nothing is delivered anywhere.
 *
 * <p>The payload is JSON: {@code {"eventPublisher":"AnomalyDetection","profilingGroupName",
 * "profilingGroupArn","channelId","anomaly":{...}}}, where {@code anomaly} has the shape of a
 * GetRecommendations anomaly holding just the notified instance. (AWS does not document the
 * message's format; this is FakeGuru's.)
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedNotification n = fake.recordedNotifications().get(0);
 * assertThat(n.channelUri()).isEqualTo("arn:aws:sns:us-east-1:123456789012:perf-alerts");
 * assertThat(n.payload()).contains("\"frameName\":\"Db.query\"");
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface RecordedNotification {

  /** The event type of anomaly notifications, the API's only {@code EventPublisher}. */
  String ANOMALY_DETECTION = "AnomalyDetection";

  /**
   * The profiling group the anomaly was detected in.
   *
   * @return the group's name
   */
  String profilingGroup();

  /**
   * The channel notified.
   *
   * @return its id
   */
  String channelId();

  /**
   * Where the channel publishes.
   *
   * @return its URI, an SNS topic ARN
   */
  String channelUri();

  /**
   * What happened.
   *
   * @return {@value #ANOMALY_DETECTION}
   */
  String eventType();

  /**
   * The anomaly instance notified.
   *
   * @return its id
   */
  String anomalyInstanceId();

  /**
   * The message, as JSON.
   *
   * @return the payload
   */
  String payload();

  /**
   * When it was recorded, by the fake's clock.
   *
   * @return the instant
   */
  Instant recordedAt();
}
