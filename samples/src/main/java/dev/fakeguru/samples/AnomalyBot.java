package dev.fakeguru.samples;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.Anomaly;
import software.amazon.awssdk.services.codeguruprofiler.model.AnomalyInstance;
import software.amazon.awssdk.services.codeguruprofiler.model.FeedbackType;

/**
 * A chat bot for CodeGuru Profiler anomalies: {@link #postAnomalies} turns every anomaly instance
 * of a window (GetRecommendations) into one chat message, and {@link #feedback} is the "useful?"
 * button under a message (SubmitFeedback). Messages already carrying feedback say so.
 *
 * <p>It uses the SDK client as given. Thread-safe if the chat sink is.
 */
public final class AnomalyBot {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final CodeGuruProfilerClient client;
  private final String profilingGroup;
  private final Consumer<String> chat;

  /** A bot for {@code profilingGroup} that posts its messages to {@code chat}. */
  public AnomalyBot(CodeGuruProfilerClient client, String profilingGroup, Consumer<String> chat) {
    this.client = Objects.requireNonNull(client, "client");
    this.profilingGroup = Objects.requireNonNull(profilingGroup, "profilingGroup");
    this.chat = Objects.requireNonNull(chat, "chat");
  }

  /**
   * Posts one message per anomaly instance of {@code [start, end)}.
   *
   * @return the ids of the anomaly instances posted, in order
   */
  public List<String> postAnomalies(Instant start, Instant end) {
    List<String> posted = new ArrayList<>();
    for (Anomaly a :
        client
            .getRecommendations(
                b -> b.profilingGroupName(profilingGroup).startTime(start).endTime(end))
            .anomalies()) {
      for (AnomalyInstance i : a.instances()) {
        chat.accept(message(a, i));
        posted.add(i.id());
      }
    }
    return posted;
  }

  /** Sends what the user thought of an anomaly instance's message. */
  public void feedback(String anomalyInstanceId, boolean useful, String comment) {
    client.submitFeedback(
        b ->
            b.profilingGroupName(profilingGroup)
                .anomalyInstanceId(anomalyInstanceId)
                .type(useful ? FeedbackType.POSITIVE : FeedbackType.NEGATIVE)
                .comment(comment));
  }

  private String message(Anomaly a, AnomalyInstance i) {
    String when =
        TIME.format(i.startTime())
            + (i.endTime() == null ? " UTC, ongoing" : " to " + TIME.format(i.endTime()) + " UTC");
    String feedback =
        i.userFeedback() == null ? "" : " (rated " + i.userFeedback().typeAsString() + ")";
    return "["
        + profilingGroup
        + "] "
        + a.metric().frameName()
        + ": "
        + a.reason()
        + ", "
        + when
        + feedback
        + " #"
        + i.id();
  }
}
