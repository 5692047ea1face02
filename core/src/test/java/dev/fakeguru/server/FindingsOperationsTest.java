package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Metric;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.recording.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.codeguruprofiler.model.FrameMetric;
import software.amazon.awssdk.services.codeguruprofiler.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.MetricType;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

/**
 * GetRecommendations and SubmitFeedback through the real SDK v2 client, answered from what the test
 * scripted or derived: every member of the model round-trips, ranges select what overlaps them,
 * feedback is stored and shown, and bad input is a 400 naming the member.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FindingsOperationsTest extends FakeServerTestBase {
  static final String INSTANCE_A = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";
  static final String INSTANCE_B = "1c7d2a1f-4b5c-4d9f-8e4a-3a2f1d0b8c22";

  static Pattern fullPattern() {
    return Pattern.builder()
        .id("5e8a9f31-7c2d-4b6e-a1f0-9d8c7b6a5e4f")
        .name("Excessive JSON serialization")
        .description("Serializing JSON takes a large share of the CPU time.")
        .resolutionSteps("Cache the serialized form.")
        .targetFrame("Json.serialize")
        .targetFrame("Cache.get", "Db.query")
        .thresholdPercent(12.5)
        .countersToAggregate("RUNNABLE", "BLOCKED")
        .build();
  }

  static Recommendation recommendation(Instant start, Instant end) {
    return Recommendation.builder()
        .pattern(fullPattern())
        .startTime(start)
        .endTime(end)
        .match(new Match("main;handle;Json.serialize", 0, 20.25))
        .match(new Match("main;Cache.get;Db.query", 1, 30.5))
        .build();
  }

  static Anomaly anomaly(AnomalyInstance... instances) {
    Anomaly.Builder b =
        Anomaly.builder()
            .metric(Metric.of("Db.query", "RUNNABLE"))
            .reason("Db.query takes 3 times its usual share");
    for (AnomalyInstance i : instances) {
      b.instance(i);
    }
    return b.build();
  }

  static AnomalyInstance instance(String id, Instant start, Instant end) {
    return AnomalyInstance.builder().id(id).startTime(start).endTime(end).build();
  }

  GetRecommendationsResponse recommendationsFor(Instant start, Instant end) {
    return client.getRecommendations(
        b -> b.profilingGroupName(GROUP).startTime(start).endTime(end));
  }

  @Test
  void every_member_of_a_recommendation_round_trips_through_the_sdk() {
    // GIVEN
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(3600)));
    // WHEN
    GetRecommendationsResponse r = recommendationsFor(T0, T0.plusSeconds(600));
    // THEN
    assertThat(r.profilingGroupName()).isEqualTo(GROUP);
    assertThat(r.profileStartTime()).isEqualTo(T0);
    assertThat(r.profileEndTime()).isEqualTo(T0.plusSeconds(600));
    assertThat(r.anomalies()).isEmpty();
    assertThat(r.recommendations()).hasSize(1);
    var rec = r.recommendations().get(0);
    assertThat(rec.allMatchesCount()).isEqualTo(2);
    assertThat(rec.allMatchesSum()).isEqualTo(50.75);
    assertThat(rec.startTime()).isEqualTo(T0);
    assertThat(rec.endTime()).isEqualTo(T0.plusSeconds(3600));
    var pattern = rec.pattern();
    assertThat(pattern.id()).isEqualTo("5e8a9f31-7c2d-4b6e-a1f0-9d8c7b6a5e4f");
    assertThat(pattern.name()).isEqualTo("Excessive JSON serialization");
    assertThat(pattern.description())
        .isEqualTo("Serializing JSON takes a large share of the CPU time.");
    assertThat(pattern.resolutionSteps()).isEqualTo("Cache the serialized form.");
    assertThat(pattern.targetFrames())
        .containsExactly(List.of("Json.serialize"), List.of("Cache.get", "Db.query"));
    assertThat(pattern.thresholdPercent()).isEqualTo(12.5);
    assertThat(pattern.countersToAggregate()).containsExactly("RUNNABLE", "BLOCKED");
    // Most impact first.
    assertThat(rec.topMatches())
        .extracting(
            m -> m.frameAddress(), m -> m.targetFramesIndex(), m -> m.thresholdBreachValue())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("main;Cache.get;Db.query", 1, 30.5),
            org.assertj.core.groups.Tuple.tuple("main;handle;Json.serialize", 0, 20.25));
  }

  @Test
  void every_member_of_an_anomaly_round_trips_through_the_sdk() {
    // GIVEN a closed instance with feedback, and one still going on (the clock is at T0 + 1 h)
    AnomalyInstance closed =
        AnomalyInstance.builder()
            .id(INSTANCE_A)
            .startTime(T0.plusMillis(1))
            .endTime(T0.plusSeconds(300))
            .userFeedback(FeedbackType.NEGATIVE)
            .build();
    AnomalyInstance open =
        AnomalyInstance.builder().id(INSTANCE_B).startTime(T0.plusSeconds(600)).build();
    fake.addAnomaly(GROUP, anomaly(closed, open));
    // WHEN
    GetRecommendationsResponse r = recommendationsFor(T0, T0.plusSeconds(3600));
    // THEN
    assertThat(r.recommendations()).isEmpty();
    assertThat(r.anomalies()).hasSize(1);
    var a = r.anomalies().get(0);
    assertThat(a.metric().frameName()).isEqualTo("Db.query");
    assertThat(a.metric().type()).isEqualTo(MetricType.AGGREGATED_RELATIVE_TOTAL_TIME);
    assertThat(a.metric().threadStates()).containsExactly("RUNNABLE");
    assertThat(a.reason()).isEqualTo("Db.query takes 3 times its usual share");
    assertThat(a.instances()).hasSize(2);
    var first = a.instances().get(0);
    assertThat(first.id()).isEqualTo(INSTANCE_A);
    assertThat(first.startTime()).isEqualTo(T0.plusMillis(1));
    assertThat(first.endTime()).isEqualTo(T0.plusSeconds(300));
    assertThat(first.userFeedback().typeAsString()).isEqualTo("Negative");
    var second = a.instances().get(1);
    assertThat(second.id()).isEqualTo(INSTANCE_B);
    assertThat(second.endTime()).isNull();
    assertThat(second.userFeedback()).isNull();
  }

  @Test
  void a_range_gets_what_overlaps_it_and_an_anomaly_only_its_overlapping_instances() {
    // GIVEN recommendations for the first and the second hour, and an anomaly in each hour
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(3600)));
    fake.addRecommendation(GROUP, recommendation(T0.plusSeconds(3600), T0.plusSeconds(7200)));
    fake.addAnomaly(
        GROUP,
        anomaly(
            instance(INSTANCE_A, T0.plusSeconds(60), T0.plusSeconds(120)),
            instance(INSTANCE_B, T0.plusSeconds(4000), T0.plusSeconds(4100))));
    // THEN the first hour sees its recommendation and instance A only
    GetRecommendationsResponse first = recommendationsFor(T0, T0.plusSeconds(3600));
    assertThat(first.recommendations())
        .extracting(x -> x.endTime())
        .containsExactly(T0.plusSeconds(3600));
    assertThat(first.anomalies().get(0).instances())
        .extracting(x -> x.id())
        .containsExactly(INSTANCE_A);
    // ... the range is half-open: a range starting where a finding ends does not see it
    GetRecommendationsResponse second =
        recommendationsFor(T0.plusSeconds(3600), T0.plusSeconds(7200));
    assertThat(second.recommendations())
        .extracting(x -> x.startTime())
        .containsExactly(T0.plusSeconds(3600));
    assertThat(second.anomalies().get(0).instances())
        .extracting(x -> x.id())
        .containsExactly(INSTANCE_B);
    // ... and a range before everything sees nothing
    GetRecommendationsResponse before = recommendationsFor(T0.minusSeconds(600), T0);
    assertThat(before.recommendations()).isEmpty();
    assertThat(before.anomalies()).isEmpty();
  }

  @Test
  void every_locale_is_accepted_and_gets_the_text_as_scripted() {
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(3600)));
    for (String locale : List.of("de-DE", "ja-JP", "en-US")) {
      var r =
          client.getRecommendations(
              b ->
                  b.profilingGroupName(GROUP)
                      .startTime(T0)
                      .endTime(T0.plusSeconds(60))
                      .locale(locale));
      assertThat(r.recommendations().get(0).pattern().name())
          .as(locale)
          .isEqualTo("Excessive JSON serialization");
    }
    assertThat(fake.recordedCalls(Operation.GET_RECOMMENDATIONS).get(0).queryParameter("locale"))
        .hasValue("de-DE");
  }

  @Test
  void top_matches_are_the_ten_with_most_impact_while_all_matches_are_counted_and_summed() {
    Recommendation.Builder b =
        Recommendation.builder().pattern(fullPattern()).startTime(T0).endTime(T0.plusSeconds(60));
    for (int i = 1; i <= 12; i++) {
      b.match(new Match("main;f" + i, 0, i));
    }
    fake.addRecommendation(GROUP, b.build());

    var rec = recommendationsFor(T0, T0.plusSeconds(60)).recommendations().get(0);

    assertThat(rec.allMatchesCount()).isEqualTo(12);
    assertThat(rec.allMatchesSum()).isEqualTo(78.0);
    assertThat(rec.topMatches()).hasSize(10);
    assertThat(rec.topMatches().get(0).frameAddress()).isEqualTo("main;f12");
    assertThat(rec.topMatches().get(9).frameAddress()).isEqualTo("main;f3");
  }

  @Test
  void feedback_on_an_instance_is_stored_shown_in_later_answers_and_recorded() {
    // GIVEN
    fake.addAnomaly(
        GROUP,
        anomaly(
            instance(INSTANCE_A, T0, T0.plusSeconds(60)),
            instance(INSTANCE_B, T0.plusSeconds(60), T0.plusSeconds(120))));
    // WHEN
    client.submitFeedback(
        b ->
            b.profilingGroupName(GROUP)
                .anomalyInstanceId(INSTANCE_A)
                .type("Positive")
                .comment("found the slow query"));
    client.submitFeedback(
        b -> b.profilingGroupName(GROUP).anomalyInstanceId(INSTANCE_A).type("Negative"));
    // THEN the latest feedback shows on that instance only
    var instances = recommendationsFor(T0, T0.plusSeconds(3600)).anomalies().get(0).instances();
    assertThat(instances.get(0).userFeedback().typeAsString()).isEqualTo("Negative");
    assertThat(instances.get(1).userFeedback()).isNull();
    assertThat(fake.anomalies(GROUP).get(0).instances().get(0).userFeedback())
        .hasValue(FeedbackType.NEGATIVE);
    // ... and both calls were recorded, with the call's sequence and the comment
    List<RecordedFeedback> received = fake.receivedFeedback();
    assertThat(received)
        .extracting(RecordedFeedback::type)
        .containsExactly(FeedbackType.POSITIVE, FeedbackType.NEGATIVE);
    assertThat(received.get(0).comment()).hasValue("found the slow query");
    assertThat(received.get(1).comment()).isEmpty();
    assertThat(received.get(0).profilingGroup()).isEqualTo(GROUP);
    assertThat(received.get(0).anomalyInstanceId()).isEqualTo(INSTANCE_A);
    assertThat(received.get(0).sequence())
        .isEqualTo(fake.recordedCalls(Operation.SUBMIT_FEEDBACK).get(0).sequence());
    assertThat(fake.recordedCalls(Operation.SUBMIT_FEEDBACK))
        .extracting(c -> c.status())
        .containsExactly(204, 204);
  }

  @Test
  void feedback_for_an_unknown_instance_or_another_groups_instance_is_404_and_changes_nothing() {
    fake.createProfilingGroup("other");
    fake.addAnomaly("other", anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));

    ResourceNotFoundException e =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () ->
                client.submitFeedback(
                    b ->
                        b.profilingGroupName(GROUP)
                            .anomalyInstanceId(INSTANCE_A)
                            .type("Positive")));

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Profiling group 'my-app' has no anomaly instance '" + INSTANCE_A + "'.");
    assertThat(fake.receivedFeedback()).isEmpty();
    assertThat(fake.anomalies("other").get(0).instances().get(0).userFeedback()).isEmpty();
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.submitFeedback(
                        b ->
                            b.profilingGroupName("ghost")
                                .anomalyInstanceId(INSTANCE_A)
                                .type("Positive"))))
        .hasMessageContaining("Profiling group 'ghost' does not exist.");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/internal/profilingGroups/my-app/recommendations?endTime=2024-01-02T04:00:00Z|Value null at 'startTime' failed to satisfy constraint: Member must not be null",
        "GET|/internal/profilingGroups/my-app/recommendations?startTime=2024-01-02T04:00:00Z&endTime=2024-01-02T04:00:00Z|startTime must be before endTime (startTime 2024-01-02T04:00:00.000Z, endTime 2024-01-02T04:00:00.000Z)",
        "GET|/internal/profilingGroups/my-app/recommendations?startTime=2024-01-02T03:00:00Z&endTime=2024-01-02T04:00:00Z&locale=en-us|Value 'en-us' at 'locale' failed to satisfy constraint: Member must satisfy enum value set",
        "GET|/internal/profilingGroups/my-app/recommendations?startTime=yesterday&endTime=2024-01-02T04:00:00Z|Value 'yesterday' at 'startTime' failed to satisfy constraint: Member must be an ISO-8601 timestamp",
        "POST|/internal/profilingGroups/my-app/anomalies/0B6C1F0E-3A4B-4C8E-9D3F-2F1E0C9A7B11/feedback|at 'anomalyInstanceId' failed to satisfy constraint: Member must satisfy regular expression pattern",
      })
  void bad_input_is_a_400_naming_the_member_and_the_rule(
      String method, String path, String message) {
    var r =
        raw(
            method,
            path,
            method.equals("POST")
                ? "{\"type\":\"Positive\"}".getBytes(StandardCharsets.UTF_8)
                : null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|Value null at 'type' failed to satisfy constraint: Member must not be null",
        "{\"type\":\"positive\"}|Value 'positive' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [Positive, Negative]",
        "{\"type\":\"Positive\",\"comment\":7}|Value '7' at 'comment' failed to satisfy constraint: Member must be a string",
      })
  void a_bad_feedback_body_is_a_400_and_records_nothing(String body, String message) {
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));
    var r =
        raw(
            "POST",
            "/internal/profilingGroups/my-app/anomalies/" + INSTANCE_A + "/feedback",
            body.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
    assertThat(fake.receivedFeedback()).isEmpty();
    // The server keeps serving, and the instance still takes valid feedback.
    client.submitFeedback(
        b -> b.profilingGroupName(GROUP).anomalyInstanceId(INSTANCE_A).type("Positive"));
    assertThat(fake.receivedFeedback()).hasSize(1);
  }

  @Test
  void an_unknown_group_is_404_for_get_recommendations() {
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.getRecommendations(
                        b ->
                            b.profilingGroupName("ghost")
                                .startTime(T0)
                                .endTime(T0.plusSeconds(60)))))
        .hasMessageContaining("Profiling group 'ghost' does not exist.");
  }

  @Test
  void a_derived_recommendation_lists_the_real_frames_and_their_shares() {
    // GIVEN 100 samples: Json.serialize under handle (30, once although it recurses), under worker
    // (10), and not at all (60)
    post(GROUP, profileAt(1, 30, "main", "handle", "Json.serialize", "write", "Json.serialize"));
    post(GROUP, profileAt(2, 10, "main", "worker", "Json.serialize"));
    post(GROUP, profileAt(3, 60, "main", "handle", "render"));
    // WHEN
    Optional<Recommendation> derived =
        fake.deriveRecommendation(GROUP, T0, T0.plusSeconds(600), "Json.serialize", 5);
    // THEN every call site over 5 % is a match, with its share; the range is the data's bucket
    Recommendation r = derived.orElseThrow();
    assertThat(r.matches())
        .containsExactly(
            new Match("main;handle;Json.serialize", 0, 30.0),
            new Match("main;worker;Json.serialize", 0, 10.0));
    assertThat(r.allMatchesSum()).isEqualTo(40.0);
    assertThat(r.startTime()).isEqualTo(T0);
    assertThat(r.endTime()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(r.pattern().name()).isEqualTo("Hot frame: Json.serialize");
    assertThat(r.pattern().description())
        .hasValue("Json.serialize is on the stack of at least 5% of the samples.");
    // ... and the SDK reads it back as it was derived
    var read = recommendationsFor(T0, T0.plusSeconds(600)).recommendations();
    assertThat(read).hasSize(1);
    assertThat(read.get(0).allMatchesSum()).isCloseTo(40.0, within(1e-9));
    assertThat(read.get(0).topMatches().get(0).frameAddress())
        .isEqualTo("main;handle;Json.serialize");
    // ... consistent with BatchGetFrameMetricData's share of the same frame
    var metric =
        client.batchGetFrameMetricData(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(T0.plus(Duration.ofMinutes(5)))
                    .targetResolution("PT5M")
                    .frameMetrics(
                        FrameMetric.builder()
                            .frameName("Json.serialize")
                            .type(MetricType.AGGREGATED_RELATIVE_TOTAL_TIME)
                            .threadStates(List.of())
                            .build()));
    assertThat(metric.frameMetricData().get(0).values().get(0) * 100)
        .isCloseTo(r.allMatchesSum(), within(1e-9));
  }

  @Test
  void a_pattern_with_a_call_chain_and_counters_matches_only_that_chain_in_those_counters() {
    // GIVEN Db.query called by Cache.get (RUNNABLE 20 of 50) and by handle (RUNNABLE 30)
    post(
        GROUP,
        dev.fakeguru.profile.Profile.builder()
            .start(T0)
            .end(T0.plusSeconds(60))
            .stack("RUNNABLE", 20, "main", "Cache.get", "Db.query")
            .stack("RUNNABLE", 30, "main", "handle", "Db.query")
            .stack("WAITING", 50, "main", "Cache.get", "Db.query")
            .build());
    Pattern pattern =
        Pattern.builder()
            .name("Cache misses")
            .targetFrame("Cache.get", "Db.query")
            .thresholdPercent(10)
            .countersToAggregate("RUNNABLE")
            .build();
    // WHEN
    Recommendation r =
        fake.deriveRecommendation(GROUP, T0, T0.plusSeconds(300), pattern).orElseThrow();
    // THEN only the chain counts, in RUNNABLE samples only: 20 of 50
    assertThat(r.matches()).containsExactly(new Match("main;Cache.get;Db.query", 0, 40.0));
  }

  @Test
  void a_frame_below_the_threshold_or_a_range_without_data_derives_nothing() {
    post(GROUP, profileAt(1, 4, "main", "Json.serialize"));
    post(GROUP, profileAt(1, 96, "main", "render"));

    assertThat(fake.deriveRecommendation(GROUP, T0, T0.plusSeconds(600), "Json.serialize", 5))
        .isEmpty();
    assertThat(
            fake.deriveRecommendation(
                GROUP, T0.plusSeconds(7200), T0.plusSeconds(7800), "Json.serialize", 1))
        .isEmpty();
    assertThat(fake.recommendations(GROUP)).isEmpty();
    assertThat(fake.deriveRecommendation(GROUP, T0, T0.plusSeconds(600), "Json.serialize", 4))
        .isPresent();
  }

  @Test
  void scripting_refuses_unknown_groups_long_spans_and_reused_instance_ids() {
    assertThatThrownBy(
            () -> fake.addRecommendation("ghost", recommendation(T0, T0.plusSeconds(60))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "No profiling group is named 'ghost'; create it before scripting its findings.");
    assertThatThrownBy(
            () -> fake.addRecommendation(GROUP, recommendation(T0, T0.plus(Duration.ofDays(32)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A finding may span at most 31 days");
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));
    assertThatThrownBy(
            () -> fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Profiling group 'my-app' already has an anomaly instance " + INSTANCE_A);
    assertThat(fake.anomalies(GROUP)).hasSize(1);
    assertThatThrownBy(() -> fake.deriveRecommendation(GROUP, T0, T0, "x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from must be before to");
  }

  @Test
  void reset_and_deleting_the_group_forget_its_findings() {
    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(60)));
    fake.addAnomaly(GROUP, anomaly(instance(INSTANCE_A, T0, T0.plusSeconds(60))));
    client.submitFeedback(
        b -> b.profilingGroupName(GROUP).anomalyInstanceId(INSTANCE_A).type("Positive"));

    client.deleteProfilingGroup(b -> b.profilingGroupName(GROUP));
    fake.createProfilingGroup(GROUP);

    assertThat(fake.recommendations(GROUP)).isEmpty();
    assertThat(fake.anomalies(GROUP)).isEmpty();
    assertThat(fake.findingsReports(GROUP)).isEmpty();
    assertThat(recommendationsFor(T0, T0.plusSeconds(60)).recommendations()).isEmpty();
    assertThat(fake.receivedFeedback()).hasSize(1); // what was received stays received

    fake.addRecommendation(GROUP, recommendation(T0, T0.plusSeconds(60)));
    fake.reset();
    assertThat(fake.recommendations(GROUP)).isEmpty();
    assertThat(fake.receivedFeedback()).isEmpty();
  }
}
