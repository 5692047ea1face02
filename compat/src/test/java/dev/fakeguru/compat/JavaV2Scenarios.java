package dev.fakeguru.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerBaseClientBuilder;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.AgentOrchestrationConfig;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.Anomaly;
import software.amazon.awssdk.services.codeguruprofiler.model.Channel;
import software.amazon.awssdk.services.codeguruprofiler.model.ConflictException;
import software.amazon.awssdk.services.codeguruprofiler.model.FeedbackType;
import software.amazon.awssdk.services.codeguruprofiler.model.FindingsReportSummary;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ListFindingsReportsResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfileTimesResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfilingGroupsResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.OrderBy;
import software.amazon.awssdk.services.codeguruprofiler.model.ProfileTime;
import software.amazon.awssdk.services.codeguruprofiler.model.ProfilingGroupDescription;
import software.amazon.awssdk.services.codeguruprofiler.model.Recommendation;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * The scenarios for the Java SDK v2, run once with the sync client and once with the async one
 * (through {@link AsyncAsSync}). Every client uses the SDK's default HTTP client and, unless a
 * scenario needs a single attempt, its default retries.
 */
abstract class JavaV2Scenarios extends MatrixSuite {
  /** The attempts the SDK's default (legacy) retry mode makes for a retryable error. */
  static final int DEFAULT_ATTEMPTS = 4;

  static final String GROUP = "compat-v2";

  private CodeGuruProfilerClient client;
  private CodeGuruProfilerClient noRetries;

  /** A client built from {@code builder} with the defaults, or with retries off. */
  abstract CodeGuruProfilerClient client(boolean retries);

  @Override
  String sdkVersion() {
    return "AWS SDK for Java v2 " + VersionInfo.SDK_VERSION;
  }

  static <B extends CodeGuruProfilerBaseClientBuilder<B, ?>> B configure(
      B builder, boolean retries) {
    builder
        .endpointOverride(URI.create(ENDPOINT))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDCOMPAT", "compat-secret")));
    if (!retries) {
      builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
    return builder;
  }

  private CodeGuruProfilerClient client() {
    if (client == null) {
      client = closeAfterSuite(client(true));
      noRetries = closeAfterSuite(client(false));
    }
    return client;
  }

  private ProfilingGroupDescription create(String name) {
    return client()
        .createProfilingGroup(
            b -> b.profilingGroupName(name).clientToken(UUID.randomUUID().toString()))
        .profilingGroup();
  }

  private void post(String group, byte[] body, String contentType) {
    client()
        .postAgentProfile(
            b ->
                b.profilingGroupName(group)
                    .contentType(contentType)
                    .agentProfile(SdkBytes.fromByteArray(body)));
  }

  @Test
  @Scenario("profiling-groups")
  void profilingGroups() {
    ProfilingGroupDescription created = create(GROUP);
    assertThat(created.arn()).isEqualTo(Expect.arn(GROUP));
    ProfilingGroupDescription described =
        client().describeProfilingGroup(b -> b.profilingGroupName(GROUP)).profilingGroup();
    assertThat(described.name()).isEqualTo(GROUP);
    assertThat(described.agentOrchestrationConfig().profilingEnabled()).isTrue();

    client()
        .updateProfilingGroup(
            b ->
                b.profilingGroupName(GROUP)
                    .agentOrchestrationConfig(
                        AgentOrchestrationConfig.builder().profilingEnabled(false).build()));
    ProfilingGroupDescription updated =
        client().describeProfilingGroup(b -> b.profilingGroupName(GROUP)).profilingGroup();
    assertThat(updated.agentOrchestrationConfig().profilingEnabled()).isFalse();
    assertThat(updated.updatedAt()).isAfterOrEqualTo(updated.createdAt());

    client().deleteProfilingGroup(b -> b.profilingGroupName(GROUP));
    assertThat(
            catchThrowableOfType(
                    ResourceNotFoundException.class,
                    () -> client().describeProfilingGroup(b -> b.profilingGroupName(GROUP)))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  @Scenario("list-pagination")
  void listPagination() {
    Expect.GROUP_NAMES.forEach(this::create);
    List<List<String>> pages =
        Pages.all(
            t -> client().listProfilingGroups(b -> b.maxResults(2).nextToken(t)),
            p -> {
              assertThat(p.profilingGroups())
                  .as("descriptions without includeDescription")
                  .isEmpty();
              return p.profilingGroupNames();
            },
            ListProfilingGroupsResponse::nextToken);
    Expect.groupPages(pages);
    ListProfilingGroupsResponse withDescriptions =
        client().listProfilingGroups(b -> b.includeDescription(true));
    assertThat(withDescriptions.profilingGroups())
        .extracting(ProfilingGroupDescription::name)
        .containsExactlyElementsOf(Expect.GROUP_NAMES);
  }

  @Test
  @Scenario("configure-agent")
  void configureAgent() {
    create(GROUP);
    var config =
        client()
            .configureAgent(b -> b.profilingGroupName(GROUP).fleetInstanceId("i-compat"))
            .configuration();
    assertThat(config.shouldProfile()).isTrue();
    assertThat(config.periodInSeconds()).isEqualTo(300);
    assertThat(config.agentParametersAsStrings()).isNotEmpty();
  }

  @Test
  @Scenario("post-json")
  void postJson() {
    create(GROUP);
    byte[] body = Profiles.pythonAgentProfile();
    post(GROUP, body, "application/json");
    Expect.onePostRecorded(GROUP, body, "application/json");
  }

  @Test
  @Scenario("post-ion")
  void postIon() {
    create(GROUP);
    byte[] body = Profiles.ion(Profiles.bucketsAgo(2), 3, 4);
    post(GROUP, body, "application/x-amzn-ion");
    Expect.onePostRecorded(GROUP, body, "application/x-amzn-ion");
  }

  private Instant postTwo() {
    create(GROUP);
    Instant start = Profiles.bucketsAgo(3);
    post(GROUP, Profiles.json(start, 3, 4), "application/json");
    post(GROUP, Profiles.ion(start.plus(Duration.ofMinutes(5)), 10, 20), "application/x-amzn-ion");
    return start;
  }

  @Test
  @Scenario("get-profile-json")
  void getProfileJson() {
    Instant start = postTwo();
    GetProfileResponse r =
        client()
            .getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(start)
                        .endTime(start.plus(Duration.ofMinutes(10)))
                        .accept("application/json"));
    Expect.mergedOfTwoPosts(r.contentType(), r.profile().asByteArray());
  }

  @Test
  @Scenario("get-profile-ion")
  void getProfileIon() {
    Instant start = postTwo();
    GetProfileResponse r =
        client()
            .getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(start)
                        .endTime(start.plus(Duration.ofMinutes(10)))
                        .accept("application/x-amzn-ion"));
    Expect.ionBinary(r.contentType(), r.profile().asByteArray());
  }

  @Test
  @Scenario("get-profile-no-accept")
  void getProfileNoAccept() {
    Instant start = postTwo();
    GetProfileResponse r =
        client()
            .getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(start)
                        .endTime(start.plus(Duration.ofMinutes(10))));
    Expect.ionBinary(r.contentType(), r.profile().asByteArray());
  }

  @Test
  @Scenario("list-profile-times")
  void listProfileTimes() {
    create(GROUP);
    List<Instant> starts = Expect.profileTimeStarts();
    for (Instant s : starts) {
      post(GROUP, Profiles.json(s.plusSeconds(30), 1, 1), "application/json");
    }
    for (OrderBy order : List.of(OrderBy.TIMESTAMP_ASCENDING, OrderBy.TIMESTAMP_DESCENDING)) {
      List<List<Instant>> pages =
          Pages.all(
              t ->
                  client()
                      .listProfileTimes(
                          b ->
                              b.profilingGroupName(GROUP)
                                  .period(AggregationPeriod.PT5_M)
                                  .startTime(starts.get(0).minus(Duration.ofHours(1)))
                                  .endTime(Instant.now().plusSeconds(60))
                                  .orderBy(order)
                                  .maxResults(2)
                                  .nextToken(t)),
              p -> p.profileTimes().stream().map(ProfileTime::start).toList(),
              ListProfileTimesResponse::nextToken);
      assertThat(pages).as(order.toString()).hasSize(2);
      List<Instant> expected = Expect.ordered(starts, order == OrderBy.TIMESTAMP_ASCENDING);
      assertThat(Pages.flat(pages)).as(order.toString()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  @Scenario("tags")
  void tags() {
    String arn = create(GROUP).arn();
    client().tagResource(b -> b.resourceArn(arn).tags(Map.of("team", "perf", "env", "ci")));
    assertThat(client().listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsOnly(Map.entry("team", "perf"), Map.entry("env", "ci"));
    client().untagResource(b -> b.resourceArn(arn).tagKeys("env"));
    assertThat(client().listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsOnly(Map.entry("team", "perf"));
  }

  @Test
  @Scenario("errors")
  void errors() {
    client();
    assertError(
        catchThrowableOfType(
            ValidationException.class,
            () ->
                noRetries.createProfilingGroup(
                    b -> b.profilingGroupName("has space").clientToken("t1"))),
        400,
        "profilingGroupName");
    assertError(
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> noRetries.describeProfilingGroup(b -> b.profilingGroupName("missing"))),
        404,
        "missing");
    create(GROUP);
    assertError(catchThrowableOfType(ConflictException.class, () -> create(GROUP)), 409, GROUP);
    for (int i = 1; i <= 2; i++) {
      int n = i;
      noRetries.addNotificationChannels(
          b -> b.profilingGroupName(GROUP).channels(channel("topic-" + n)));
    }
    assertError(
        catchThrowableOfType(
            ServiceQuotaExceededException.class,
            () ->
                noRetries.addNotificationChannels(
                    b -> b.profilingGroupName(GROUP).channels(channel("topic-3")))),
        402,
        "notification channels");
    ADMIN.failNext(Expect.DESCRIBE, "throttling", Expect.THROTTLING_MESSAGE, 1);
    assertError(
        catchThrowableOfType(
            ThrottlingException.class,
            () -> noRetries.describeProfilingGroup(b -> b.profilingGroupName(GROUP))),
        429,
        Expect.THROTTLING_MESSAGE);
    ADMIN.failNext(Expect.DESCRIBE, "internalError", Expect.INTERNAL_MESSAGE, 1);
    assertError(
        catchThrowableOfType(
            InternalServerException.class,
            () -> noRetries.describeProfilingGroup(b -> b.profilingGroupName(GROUP))),
        500,
        Expect.INTERNAL_MESSAGE);
  }

  private static Channel channel(String topic) {
    return Channel.builder()
        .uri("arn:aws:sns:us-east-1:123456789012:" + topic)
        .eventPublishersWithStrings("AnomalyDetection")
        .build();
  }

  private static void assertError(AwsServiceException e, int status, String messagePart) {
    assertThat(e).as("exception").isNotNull();
    Expect.serviceError(
        e,
        e.statusCode(),
        e.awsErrorDetails().errorCode(),
        e.awsErrorDetails().errorMessage(),
        status,
        messagePart);
  }

  @Test
  @Scenario("retries-429")
  void retries429() {
    retriesOf("throttling", ThrottlingException.class);
  }

  @Test
  @Scenario("retries-500")
  void retries500() {
    retriesOf("internalError", InternalServerException.class);
  }

  private void retriesOf(String fault, Class<? extends AwsServiceException> type) {
    create(GROUP);
    ADMIN.failEvery(Expect.DESCRIBE, fault);
    assertThat(
            catchThrowableOfType(
                type, () -> client().describeProfilingGroup(b -> b.profilingGroupName(GROUP))))
        .isNotNull();
    note(
        Expect.attempts(
            Expect.DESCRIBE,
            DEFAULT_ATTEMPTS,
            "default retry mode " + RetryMode.defaultRetryMode()));
  }

  @Test
  @Scenario("idempotent-post-retry")
  void idempotentPostRetry() {
    create(GROUP);
    ADMIN.failOnceAfterEffect("PostAgentProfile", "internalError");
    post(GROUP, Profiles.json(Profiles.bucketsAgo(1), 5, 6), "application/json");
    Expect.postStoredOnceOfTwoCalls(GROUP);
  }

  @Test
  @Scenario("timestamps")
  void timestamps() {
    Instant before = Instant.now().minusSeconds(5);
    ProfilingGroupDescription created = create(GROUP);
    assertThat(created.createdAt()).isBetween(before, Instant.now().plusSeconds(5));
    Instant start = Profiles.bucketsAgo(2);
    post(GROUP, Profiles.json(start, 1, 2), "application/json");
    Instant from = start.minusMillis(123_457);
    Instant to = start.plus(Duration.ofMinutes(5)).plusMillis(877);
    GetProfileResponse r =
        client()
            .getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(from)
                        .endTime(to)
                        .accept("application/json"));
    assertThat(Profiles.wallTime(r.profile().asByteArray(), "b")).isEqualTo(2);
    assertThat(
            client()
                .listProfileTimes(
                    b ->
                        b.profilingGroupName(GROUP)
                            .period(AggregationPeriod.PT5_M)
                            .startTime(from)
                            .endTime(to))
                .profileTimes())
        .extracting(ProfileTime::start)
        .containsExactly(start);
    assertThat(
            client()
                .describeProfilingGroup(b -> b.profilingGroupName(GROUP))
                .profilingGroup()
                .profilingStatus()
                .latestAgentProfileReportedAt())
        .isBetween(before, Instant.now().plusSeconds(5));
  }

  @Test
  @Scenario("findings")
  void findings() {
    create(GROUP);
    ADMIN.scriptFindings(GROUP);
    GetRecommendationsResponse found =
        client()
            .getRecommendations(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(Expect.FINDINGS_START)
                        .endTime(Expect.FINDINGS_END)
                        .locale("fr-FR"));
    assertThat(found.recommendations()).hasSize(1);
    Recommendation r = found.recommendations().get(0);
    assertThat(r.pattern().name()).isEqualTo("Excessive logging");
    assertThat(r.pattern().targetFrames()).containsExactly(List.of("Logger.log"));
    assertThat(r.pattern().thresholdPercent()).isEqualTo(5.0);
    assertThat(r.allMatchesCount()).isEqualTo(1);
    assertThat(r.allMatchesSum()).isEqualTo(7.5);
    assertThat(r.topMatches().get(0).frameAddress()).isEqualTo("main;handle;Logger.log");
    assertThat(r.startTime()).isEqualTo(Expect.FINDINGS_START);
    Anomaly a = found.anomalies().get(0);
    assertThat(a.metric().frameName()).isEqualTo("Db.query");
    assertThat(a.metric().threadStates()).containsExactly("RUNNABLE");
    assertThat(a.instances().get(0).id()).isEqualTo(Expect.ANOMALY_INSTANCE);
    assertThat(a.instances().get(0).endTime()).isEqualTo(Instant.parse("2024-01-02T03:20:00Z"));

    List<List<String>> pages =
        Pages.all(
            t ->
                client()
                    .listFindingsReports(
                        b ->
                            b.profilingGroupName(GROUP)
                                .startTime(Expect.FINDINGS_DAY)
                                .endTime(Expect.FINDINGS_DAY.plus(Duration.ofDays(1)))
                                .maxResults(1)
                                .nextToken(t)),
            p ->
                p.findingsReportSummaries().stream()
                    .map(
                        x ->
                            x.profileStartTime()
                                + " "
                                + x.profileEndTime()
                                + " "
                                + x.totalNumberOfFindings())
                    .toList(),
            ListFindingsReportsResponse::nextToken);
    Expect.findingsReports(Pages.flat(pages));
    assertThat(
            client()
                .getFindingsReportAccountSummary(b -> b.dailyReportsOnly(true))
                .reportSummaries())
        .extracting(FindingsReportSummary::profilingGroupName)
        .containsExactly(GROUP);

    client()
        .submitFeedback(
            b ->
                b.profilingGroupName(GROUP)
                    .anomalyInstanceId(Expect.ANOMALY_INSTANCE)
                    .type(FeedbackType.POSITIVE)
                    .comment("useful"));
    Expect.feedbackRecorded(GROUP);
    assertThat(
            client()
                .getRecommendations(
                    b ->
                        b.profilingGroupName(GROUP)
                            .startTime(Expect.FINDINGS_START)
                            .endTime(Expect.FINDINGS_END))
                .anomalies()
                .get(0)
                .instances()
                .get(0)
                .userFeedback()
                .type())
        .isEqualTo(FeedbackType.POSITIVE);
    note("1 recommendation, 1 anomaly, 3 reports in pages of 1, Positive feedback shown");
  }
}
