package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminApiTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.internal.admin.AdminApiTest.Answer;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.Channel;

/**
 * The admin API's {@code findings} resource over real HTTP: what it scripts is what the real SDK v2
 * client reads, and what the SDK sends back (feedback) and what the fake would have sent
 * (notifications) can be read here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FindingsAdminTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final String GROUP = "my-app";
  static final String INSTANCE = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";
  static final String RECOMMENDATION =
      """
      {"group": "my-app", "startTime": "2024-01-02T03:00:00Z", "endTime": "2024-01-02T04:00:00Z",
       "pattern": {"name": "Excessive logging", "description": "Logging takes time.",
                   "resolutionSteps": "Log less.", "targetFrames": [["Logger.log"], ["a", "b"]],
                   "thresholdPercent": 5, "countersToAggregate": ["RUNNABLE"]},
       "matches": [{"frameAddress": "main;Logger.log", "targetFramesIndex": 0,
                    "thresholdBreachValue": 7.5}]}""";
  static final String ANOMALY =
      """
      {"group": "my-app", "metric": {"frameName": "Db.query", "threadStates": ["RUNNABLE"]},
       "reason": "3 times the usual share",
       "instances": [{"id": "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11",
                      "startTime": "2024-01-02T03:00:00Z", "endTime": "2024-01-02T03:10:00Z"}]}""";

  static SettableClock clock;
  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void start() {
    clock = SettableClock.at(T0.plusSeconds(3600));
    fake = FakeCodeGuruProfiler.builder().clock(clock).profilingGroup(GROUP).adminApi(true).start();
    client = AdminApiTest.sdk(fake);
  }

  @AfterAll
  static void stop() {
    client.close();
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  static Answer post(String path, String body) {
    return call(fake, "POST", path, body);
  }

  static Answer get(String path) {
    return call(fake, "GET", path, null);
  }

  @Test
  void a_scripted_recommendation_is_what_the_sdk_reads() {
    Answer added = post("findings/recommendations", RECOMMENDATION);

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().path("recommendation").path("allMatchesSum").asDouble()).isEqualTo(7.5);
    var read =
        client
            .getRecommendations(
                b -> b.profilingGroupName(GROUP).startTime(T0).endTime(T0.plusSeconds(60)))
            .recommendations();
    assertThat(read).hasSize(1);
    var rec = read.get(0);
    assertThat(rec.pattern().name()).isEqualTo("Excessive logging");
    assertThat(rec.pattern().targetFrames()).hasSize(2);
    assertThat(rec.pattern().countersToAggregate()).containsExactly("RUNNABLE");
    assertThat(rec.topMatches().get(0).frameAddress()).isEqualTo("main;Logger.log");
    assertThat(rec.pattern().id())
        .isEqualTo(added.json().path("recommendation").path("pattern").path("id").asText())
        .matches("[a-f0-9-]{36}");
  }

  @Test
  void a_scripted_anomaly_takes_feedback_from_the_sdk_and_notifies_the_channels() {
    client.addNotificationChannels(
        b ->
            b.profilingGroupName(GROUP)
                .channels(
                    Channel.builder()
                        .uri("arn:aws:sns:us-east-1:123456789012:alerts")
                        .eventPublishersWithStrings("AnomalyDetection")
                        .build()));

    Answer added = post("findings/anomalies", ANOMALY);
    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().path("notificationsRecorded").asInt()).isEqualTo(1);

    client.submitFeedback(
        b ->
            b.profilingGroupName(GROUP).anomalyInstanceId(INSTANCE).type("Negative").comment("ok"));

    JsonNode feedback = get("findings/feedback").json().path("feedback");
    assertThat(feedback).hasSize(1);
    assertThat(feedback.get(0).path("group").asText()).isEqualTo(GROUP);
    assertThat(feedback.get(0).path("anomalyInstanceId").asText()).isEqualTo(INSTANCE);
    assertThat(feedback.get(0).path("type").asText()).isEqualTo("Negative");
    assertThat(feedback.get(0).path("comment").asText()).isEqualTo("ok");
    JsonNode listed = get("findings?group=my-app").json();
    assertThat(
            listed
                .path("anomalies")
                .get(0)
                .path("instances")
                .get(0)
                .path("userFeedback")
                .path("type")
                .asText())
        .isEqualTo("Negative");
    assertThat(fake.anomalies(GROUP).get(0).instances().get(0).userFeedback())
        .hasValue(FeedbackType.NEGATIVE);
    JsonNode notifications = get("findings/notifications").json().path("notifications");
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).path("channelUri").asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:alerts");
    assertThat(notifications.get(0).path("eventType").asText()).isEqualTo("AnomalyDetection");
    assertThat(notifications.get(0).path("payload").path("anomaly").path("reason").asText())
        .isEqualTo("3 times the usual share");
  }

  @Test
  void findings_lists_the_groups_recommendations_anomalies_and_reports() {
    post("findings/recommendations", RECOMMENDATION);
    post("findings/anomalies", ANOMALY);

    JsonNode listed = get("findings?group=my-app").json();

    assertThat(listed.path("recommendations")).hasSize(1);
    assertThat(listed.path("recommendations").get(0).path("matches")).hasSize(1);
    assertThat(listed.path("anomalies")).hasSize(1);
    assertThat(listed.path("findingsReports"))
        .extracting(
            r -> r.path("daily").asBoolean() + " " + r.path("totalNumberOfFindings").asInt())
        .containsExactly("true 2", "false 2", "false 2");
  }

  @Test
  void a_recommendation_is_derived_from_the_stored_profiles() {
    client.postAgentProfile(
        b ->
            b.profilingGroupName(GROUP)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArray(
                        ProfileCodec.defaults()
                            .encode(
                                Profile.builder()
                                    .start(T0)
                                    .end(T0.plusSeconds(60))
                                    .stack(25, "main", "Logger.log")
                                    .stack(75, "main", "work")
                                    .build(),
                                ProfileFormat.JSON))));
    String range =
        "\"group\": \"my-app\", \"start\": \"2024-01-02T03:00:00Z\", \"end\": \"2024-01-02T04:00:00Z\"";

    Answer none =
        post(
            "findings/derived-recommendations",
            "{" + range + ", \"frame\": \"Logger.log\", \"thresholdPercent\": 30}");
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().path("recommendation").isNull()).isTrue();

    Answer derived =
        post(
            "findings/derived-recommendations",
            "{" + range + ", \"frame\": \"Logger.log\", \"thresholdPercent\": 20}");
    assertThat(derived.status()).isEqualTo(201);
    JsonNode rec = derived.json().path("recommendation");
    assertThat(rec.path("matches").get(0).path("frameAddress").asText())
        .isEqualTo("main;Logger.log");
    assertThat(rec.path("matches").get(0).path("thresholdBreachValue").asDouble()).isEqualTo(25.0);
    assertThat(fake.recommendations(GROUP)).hasSize(1);

    Answer withPattern =
        post(
            "findings/derived-recommendations",
            "{"
                + range
                + ", \"pattern\": {\"name\": \"work\", \"targetFrames\": [[\"main\", \"work\"]], \"thresholdPercent\": 50}}");
    assertThat(withPattern.status()).isEqualTo(201);
    assertThat(withPattern.json().path("recommendation").path("allMatchesSum").asDouble())
        .isEqualTo(75.0);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "findings/recommendations|{\"group\": \"ghost\"}|No profiling group is named 'ghost'.",
        "findings/recommendations|{\"group\": \"my-app\", \"startTime\": \"2024-01-02T03:00:00Z\", \"endTime\": \"2024-01-02T04:00:00Z\"}|pattern is required.",
        "findings/recommendations|{\"group\": \"my-app\", \"startTime\": \"2024-01-02T03:00:00Z\", \"endTime\": \"2024-01-02T04:00:00Z\", \"pattern\": {\"name\": \"n\", \"targetFrames\": [[\"a\"]], \"thresholdPercent\": 150}}|pattern: thresholdPercent must be a percentage from 0 to 100, but was 150.0.",
        "findings/recommendations|{\"group\": \"my-app\", \"startTime\": \"2024-01-02T03:00:00Z\", \"endTime\": \"2024-01-02T04:00:00Z\", \"pattern\": {\"name\": \"n\", \"targetFrames\": [[1]], \"thresholdPercent\": 5}}|pattern.targetFrames[0][0] must be a string, but was 1.",
        "findings/recommendations|{\"group\": \"my-app\", \"startTime\": \"2024-01-02T03:00:00Z\", \"endTime\": \"2024-01-02T04:00:00Z\", \"pattern\": {\"name\": \"n\", \"targetFrames\": [[\"a\"]], \"thresholdPercent\": 5}, \"matches\": [{\"frameAddress\": \"a\", \"targetFramesIndex\": 3, \"thresholdBreachValue\": 1}]}|names target frame 3, but the pattern has 1",
        "findings/recommendations|{\"group\": \"my-app\", \"startTime\": \"2024-01-02T04:00:00Z\", \"endTime\": \"2024-01-02T03:00:00Z\", \"pattern\": {\"name\": \"n\", \"targetFrames\": [[\"a\"]], \"thresholdPercent\": 5}}|startTime must be before endTime",
        "findings/recommendations|{\"group\": \"my-app\", \"pattern\": {\"nam\": \"n\"}}|pattern.nam is not a known field",
        "findings/anomalies|{\"group\": \"my-app\", \"metric\": {\"frameName\": \"f\"}, \"reason\": \"r\"}|an anomaly needs at least one instance.",
        "findings/anomalies|{\"group\": \"my-app\", \"metric\": {\"frameName\": \"f\"}, \"reason\": \"r\", \"instances\": [{\"startTime\": \"noon\"}]}|instances[0].startTime must be an ISO-8601 instant",
        "findings/anomalies|{\"group\": \"my-app\", \"metric\": {\"frameName\": \"f\"}, \"reason\": \"r\", \"instances\": [{\"id\": \"X\", \"startTime\": \"2024-01-02T03:00:00Z\"}]}|instances[0]: id must be a lower-case UUID",
        "findings/anomalies|{\"group\": \"my-app\", \"metric\": {\"frameName\": \"f\"}, \"reason\": \"r\", \"instances\": [{\"startTime\": \"2024-01-02T03:00:00Z\", \"userFeedback\": {\"type\": \"Meh\"}}]}|instances[0].userFeedback: A feedback type is Positive or Negative, but was 'Meh'.",
        "findings/anomalies|{\"group\": \"my-app\", \"metric\": {\"frameName\": \"f\", \"type\": \"Other\"}, \"reason\": \"r\", \"instances\": [{\"startTime\": \"2024-01-02T03:00:00Z\"}]}|metric: type must be AggregatedRelativeTotalTime, but was Other.",
        "findings/derived-recommendations|{\"group\": \"my-app\", \"start\": \"2024-01-02T03:00:00Z\", \"end\": \"2024-01-02T04:00:00Z\"}|Give either pattern, or frame and thresholdPercent",
        "findings/derived-recommendations|{\"group\": \"my-app\", \"start\": \"2024-01-02T03:00:00Z\", \"end\": \"2024-01-02T04:00:00Z\", \"frame\": \"f\"}|thresholdPercent is required.",
        "findings/derived-recommendations|{\"group\": \"my-app\", \"start\": \"2024-01-02T04:00:00Z\", \"end\": \"2024-01-02T03:00:00Z\", \"frame\": \"f\", \"thresholdPercent\": 1}|start must be before end",
      })
  void bad_requests_are_refused_with_a_message_naming_the_field(
      String path, String body, String message) {
    Answer a = post(path, body);
    assertThat(a.status()).isIn(400, 404);
    assertThat(a.message()).contains(message);
    assertThat(fake.recommendations(GROUP)).isEmpty();
    assertThat(fake.anomalies(GROUP)).isEmpty();
  }

  @Test
  void a_reused_instance_id_is_a_409_and_an_unknown_group_a_404() {
    assertThat(post("findings/anomalies", ANOMALY).status()).isEqualTo(201);
    Answer again = post("findings/anomalies", ANOMALY);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.message())
        .isEqualTo("Profiling group 'my-app' already has an anomaly instance " + INSTANCE + ".");
    assertThat(get("findings?group=ghost").status()).isEqualTo(404);
    assertThat(get("findings").message()).isEqualTo("The query parameter group is required.");
    assertThat(fake.anomalies(GROUP)).hasSize(1);
  }
}
