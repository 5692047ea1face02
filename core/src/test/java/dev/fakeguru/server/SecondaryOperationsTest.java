package dev.fakeguru.server;

import static dev.fakeguru.server.ProfilingGroupOperationsTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.model.ActionGroup;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.Channel;
import software.amazon.awssdk.services.codeguruprofiler.model.ConflictException;
import software.amazon.awssdk.services.codeguruprofiler.model.EventPublisher;
import software.amazon.awssdk.services.codeguruprofiler.model.FeedbackType;
import software.amazon.awssdk.services.codeguruprofiler.model.FrameMetric;
import software.amazon.awssdk.services.codeguruprofiler.model.FrameMetricDatum;
import software.amazon.awssdk.services.codeguruprofiler.model.MetricType;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;

class SecondaryOperationsTest extends FakeServerTestBase {

  @Test
  void policy_lifecycle_with_revision_checks() {
    assertThat(client.getPolicy(b -> b.profilingGroupName(GROUP)).policy()).isNull();

    var put =
        client.putPermission(
            b ->
                b.profilingGroupName(GROUP)
                    .actionGroup(ActionGroup.AGENT_PERMISSIONS)
                    .principals("arn:aws:iam::123456789012:role/agent"));
    assertThat(put.revisionId()).matches("[a-f0-9-]{36}");
    assertThat(put.policy())
        .contains(
            "\"Sid\":\"agentPermissions-statement\"",
            "arn:aws:iam::123456789012:role/agent",
            "codeguru-profiler:PostAgentProfile",
            fake.profilingGroupArn(GROUP));
    assertThat(client.getPolicy(b -> b.profilingGroupName(GROUP)).revisionId())
        .isEqualTo(put.revisionId());

    assertThat(
            catchThrowableOfType(
                ConflictException.class,
                () ->
                    client.putPermission(
                        b ->
                            b.profilingGroupName(GROUP)
                                .actionGroup(ActionGroup.AGENT_PERMISSIONS)
                                .principals("arn:aws:iam::123456789012:role/other"))))
        .hasMessageContaining("pass it as revisionId");
    var second =
        client.putPermission(
            b ->
                b.profilingGroupName(GROUP)
                    .actionGroup(ActionGroup.AGENT_PERMISSIONS)
                    .principals(
                        "arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b")
                    .revisionId(put.revisionId()));
    assertThat(second.revisionId()).isNotEqualTo(put.revisionId());

    assertThat(
            catchThrowableOfType(
                ConflictException.class,
                () ->
                    client.removePermission(
                        b ->
                            b.profilingGroupName(GROUP)
                                .actionGroup(ActionGroup.AGENT_PERMISSIONS)
                                .revisionId(put.revisionId()))))
        .isNotNull();
    client.removePermission(
        b ->
            b.profilingGroupName(GROUP)
                .actionGroup(ActionGroup.AGENT_PERMISSIONS)
                .revisionId(second.revisionId()));
    assertThat(client.getPolicy(b -> b.profilingGroupName(GROUP)).policy()).isNull();

    assertValidation(
        () ->
            client.putPermission(
                b -> b.profilingGroupName(GROUP).actionGroup("agentPermission").principals("x")),
        "Value 'agentPermission' at 'actionGroup'");
  }

  @Test
  void notification_channels_up_to_two() {
    String topic = "arn:aws:sns:us-east-1:123456789012:topic";
    var added =
        client.addNotificationChannels(
            b ->
                b.profilingGroupName(GROUP)
                    .channels(
                        Channel.builder()
                            .uri(topic + "1")
                            .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                            .build()));
    String id = added.notificationConfiguration().channels().get(0).id();
    assertThat(id).matches("[a-f0-9-]{36}");

    assertThat(
            catchThrowableOfType(
                ConflictException.class,
                () ->
                    client.addNotificationChannels(
                        b ->
                            b.profilingGroupName(GROUP)
                                .channels(
                                    Channel.builder()
                                        .uri(topic + "1")
                                        .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                                        .build()))))
        .isNotNull();
    client.addNotificationChannels(
        b ->
            b.profilingGroupName(GROUP)
                .channels(
                    Channel.builder()
                        .uri(topic + "2")
                        .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                        .build()));
    assertThat(
            catchThrowableOfType(
                ServiceQuotaExceededException.class,
                () ->
                    client.addNotificationChannels(
                        b ->
                            b.profilingGroupName(GROUP)
                                .channels(
                                    Channel.builder()
                                        .uri(topic + "3")
                                        .eventPublishers(EventPublisher.ANOMALY_DETECTION)
                                        .build()))))
        .isNotNull();

    assertThat(
            client
                .getNotificationConfiguration(b -> b.profilingGroupName(GROUP))
                .notificationConfiguration()
                .channels())
        .hasSize(2);
    var remaining =
        client.removeNotificationChannel(b -> b.profilingGroupName(GROUP).channelId(id));
    assertThat(remaining.notificationConfiguration().channels())
        .extracting(Channel::uri)
        .containsExactly(topic + "2");
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.removeNotificationChannel(
                        b -> b.profilingGroupName(GROUP).channelId(id))))
        .isNotNull();
  }

  @Test
  void tags_on_the_group_arn_sent_with_encoded_slashes() {
    String arn = fake.profilingGroupArn(GROUP);
    client.tagResource(b -> b.resourceArn(arn).tags(Map.of("team", "perf", "env", "ci")));
    assertThat(client.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsOnly(Map.entry("team", "perf"), Map.entry("env", "ci"));
    assertThat(fake.recordedCalls().get(0).path()).contains("%2F");

    client.untagResource(b -> b.resourceArn(arn).tagKeys("env"));
    assertThat(
            client.describeProfilingGroup(b -> b.profilingGroupName(GROUP)).profilingGroup().tags())
        .containsOnly(Map.entry("team", "perf"));

    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> client.listTagsForResource(b -> b.resourceArn(arn.replace(GROUP, "ghost")))))
        .hasMessageContaining("No profiling group has the ARN");
  }

  @Test
  void without_scripted_findings_the_answers_are_empty_and_feedback_is_404() {
    var rec =
        client.getRecommendations(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(T0.plusSeconds(600))
                    .locale("en-US"));
    assertThat(rec.profilingGroupName()).isEqualTo(GROUP);
    assertThat(rec.recommendations()).isEmpty();
    assertThat(rec.anomalies()).isEmpty();
    assertThat(rec.profileStartTime()).isEqualTo(T0);

    assertThat(
            client
                .listFindingsReports(
                    b -> b.profilingGroupName(GROUP).startTime(T0).endTime(T0.plusSeconds(60)))
                .findingsReportSummaries())
        .isEmpty();
    assertThat(
            client.getFindingsReportAccountSummary(b -> b.dailyReportsOnly(true)).reportSummaries())
        .isEmpty();
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.submitFeedback(
                        b ->
                            b.profilingGroupName(GROUP)
                                .anomalyInstanceId("0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11")
                                .type(FeedbackType.POSITIVE))))
        .hasMessageContaining("has no anomaly instance");
    assertValidation(
        () ->
            client.getRecommendations(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .endTime(T0.plusSeconds(600))
                        .locale("xx-XX")),
        "at 'locale'");
  }

  @Test
  void frame_metrics_are_computed_from_the_stored_aggregation() {
    post(GROUP, profileAt(1, 30, "main", "handle", "db"));
    post(GROUP, profileAt(2, 10, "main", "idle"));
    post(GROUP, profileAt(6, 5, "main", "handle"));

    var r =
        client.batchGetFrameMetricData(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(T0.plusSeconds(600))
                    .targetResolution(AggregationPeriod.PT5_M)
                    .frameMetrics(
                        FrameMetric.builder()
                            .frameName("handle")
                            .type(MetricType.AGGREGATED_RELATIVE_TOTAL_TIME)
                            .threadStates(List.of())
                            .build()));

    assertThat(r.resolution()).isEqualTo(AggregationPeriod.PT5_M);
    assertThat(r.endTimes())
        .extracting(t -> t.value())
        .containsExactly(T0.plusSeconds(300), T0.plusSeconds(600));
    FrameMetricDatum d = r.frameMetricData().get(0);
    assertThat(d.values()).containsExactly(0.75, 1.0);
    assertThat(d.frameMetric().frameName()).isEqualTo("handle");
  }

  @Test
  void unknown_routes_and_methods_get_clear_errors() {
    var unknown = raw("GET", "/nothing/here", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
    var wrongMethod = raw("PATCH", "/profilingGroups/" + GROUP, new byte[0]);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(new String(wrongMethod.body()))
        .contains("PATCH is not allowed on /profilingGroups/my-app; allowed: GET, PUT, DELETE");
    assertThat(fake.recordedCalls()).extracting(c -> c.status()).containsExactly(404, 405);
  }

  @Test
  void responses_carry_request_ids_iso_timestamps_and_no_compression() {
    clock.advance(Duration.ofMillis(7));
    var r = raw("GET", "/profilingGroups/" + GROUP, null, "Accept-Encoding", "gzip");
    assertThat(r.headers().firstValue("x-amzn-RequestId"))
        .hasValueSatisfying(
            id ->
                assertThat(id) // a random (version 4, IETF variant) UUID
                    .matches(
                        "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().contains("matched-stub"));
    assertThat(new String(r.body())).contains("\"createdAt\":\"2024-01-02T04:00:00.000Z\"");

    var err = raw("GET", "/profilingGroups/ghost", null);
    assertThat(err.headers().firstValue("x-amzn-RequestId"))
        .isPresent()
        .isNotEqualTo(r.headers().firstValue("x-amzn-RequestId"));
    assertThat(err.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(err.body()))
        .isEqualTo(
            "{\"message\":\"Profiling group 'ghost' does not exist.\",\"__type\":\"ResourceNotFoundException\"}");
  }
}
