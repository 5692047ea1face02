package dev.fakeguru.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.retry.PredefinedRetryPolicies;
import com.amazonaws.services.codeguruprofiler.AmazonCodeGuruProfiler;
import com.amazonaws.services.codeguruprofiler.AmazonCodeGuruProfilerClientBuilder;
import com.amazonaws.services.codeguruprofiler.model.AddNotificationChannelsRequest;
import com.amazonaws.services.codeguruprofiler.model.AgentOrchestrationConfig;
import com.amazonaws.services.codeguruprofiler.model.AggregationPeriod;
import com.amazonaws.services.codeguruprofiler.model.Anomaly;
import com.amazonaws.services.codeguruprofiler.model.Channel;
import com.amazonaws.services.codeguruprofiler.model.ConfigureAgentRequest;
import com.amazonaws.services.codeguruprofiler.model.ConflictException;
import com.amazonaws.services.codeguruprofiler.model.CreateProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.DeleteProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.DescribeProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.FeedbackType;
import com.amazonaws.services.codeguruprofiler.model.FindingsReportSummary;
import com.amazonaws.services.codeguruprofiler.model.GetFindingsReportAccountSummaryRequest;
import com.amazonaws.services.codeguruprofiler.model.GetProfileRequest;
import com.amazonaws.services.codeguruprofiler.model.GetProfileResult;
import com.amazonaws.services.codeguruprofiler.model.GetRecommendationsRequest;
import com.amazonaws.services.codeguruprofiler.model.GetRecommendationsResult;
import com.amazonaws.services.codeguruprofiler.model.InternalServerException;
import com.amazonaws.services.codeguruprofiler.model.ListFindingsReportsRequest;
import com.amazonaws.services.codeguruprofiler.model.ListFindingsReportsResult;
import com.amazonaws.services.codeguruprofiler.model.ListProfileTimesRequest;
import com.amazonaws.services.codeguruprofiler.model.ListProfileTimesResult;
import com.amazonaws.services.codeguruprofiler.model.ListProfilingGroupsRequest;
import com.amazonaws.services.codeguruprofiler.model.ListProfilingGroupsResult;
import com.amazonaws.services.codeguruprofiler.model.ListTagsForResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.OrderBy;
import com.amazonaws.services.codeguruprofiler.model.PostAgentProfileRequest;
import com.amazonaws.services.codeguruprofiler.model.ProfileTime;
import com.amazonaws.services.codeguruprofiler.model.ProfilingGroupDescription;
import com.amazonaws.services.codeguruprofiler.model.Recommendation;
import com.amazonaws.services.codeguruprofiler.model.ResourceNotFoundException;
import com.amazonaws.services.codeguruprofiler.model.ServiceQuotaExceededException;
import com.amazonaws.services.codeguruprofiler.model.SubmitFeedbackRequest;
import com.amazonaws.services.codeguruprofiler.model.TagResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.ThrottlingException;
import com.amazonaws.services.codeguruprofiler.model.UntagResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.UpdateProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.ValidationException;
import com.amazonaws.util.VersionInfoUtils;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK v1 ({@code aws-java-sdk-codeguruprofiler}) with its default HTTP client and retries.
 */
class JavaV1Test extends MatrixSuite {
  /** The SDK's default: 3 retries. */
  static final int DEFAULT_ATTEMPTS = 4;

  static final String GROUP = "compat-v1";

  private final AmazonCodeGuruProfiler client = shutDownAfterSuite(client(true));
  private final AmazonCodeGuruProfiler noRetries = shutDownAfterSuite(client(false));

  @Override
  String clientId() {
    return "java-v1";
  }

  @Override
  String sdkVersion() {
    return "AWS SDK for Java v1 " + VersionInfoUtils.getVersion();
  }

  private static AmazonCodeGuruProfiler client(boolean retries) {
    // The default ClientConfiguration: its retry policy is PredefinedRetryPolicies.DEFAULT (legacy
    // mode).
    ClientConfiguration config = new ClientConfiguration();
    if (!retries) {
      config.setRetryPolicy(PredefinedRetryPolicies.NO_RETRY_POLICY);
    }
    return AmazonCodeGuruProfilerClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(ENDPOINT, "us-east-1"))
        .withCredentials(
            new AWSStaticCredentialsProvider(
                new BasicAWSCredentials("AKIDCOMPAT", "compat-secret")))
        .withClientConfiguration(config)
        .build();
  }

  private AmazonCodeGuruProfiler shutDownAfterSuite(AmazonCodeGuruProfiler c) {
    closeAfterSuite(c::shutdown);
    return c;
  }

  private ProfilingGroupDescription create(String name) {
    return client
        .createProfilingGroup(
            new CreateProfilingGroupRequest()
                .withProfilingGroupName(name)
                .withClientToken(UUID.randomUUID().toString()))
        .getProfilingGroup();
  }

  private void post(String group, byte[] body, String contentType) {
    client.postAgentProfile(
        new PostAgentProfileRequest()
            .withProfilingGroupName(group)
            .withContentType(contentType)
            .withAgentProfile(ByteBuffer.wrap(body)));
  }

  private static byte[] bytes(GetProfileResult r) {
    ByteBuffer b = r.getProfile().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private ProfilingGroupDescription describe(AmazonCodeGuruProfiler c, String name) {
    return c.describeProfilingGroup(
            new DescribeProfilingGroupRequest().withProfilingGroupName(name))
        .getProfilingGroup();
  }

  @Test
  @Scenario("profiling-groups")
  void profilingGroups() {
    ProfilingGroupDescription created = create(GROUP);
    assertThat(created.getArn()).isEqualTo(Expect.arn(GROUP));
    assertThat(describe(client, GROUP).getAgentOrchestrationConfig().getProfilingEnabled())
        .isTrue();
    client.updateProfilingGroup(
        new UpdateProfilingGroupRequest()
            .withProfilingGroupName(GROUP)
            .withAgentOrchestrationConfig(
                new AgentOrchestrationConfig().withProfilingEnabled(false)));
    ProfilingGroupDescription updated = describe(client, GROUP);
    assertThat(updated.getAgentOrchestrationConfig().getProfilingEnabled()).isFalse();
    assertThat(updated.getUpdatedAt()).isAfterOrEqualTo(updated.getCreatedAt());
    client.deleteProfilingGroup(new DeleteProfilingGroupRequest().withProfilingGroupName(GROUP));
    assertThat(
            catchThrowableOfType(ResourceNotFoundException.class, () -> describe(client, GROUP))
                .getStatusCode())
        .isEqualTo(404);
  }

  @Test
  @Scenario("list-pagination")
  void listPagination() {
    Expect.GROUP_NAMES.forEach(this::create);
    List<List<String>> pages =
        Pages.all(
            t ->
                client.listProfilingGroups(
                    new ListProfilingGroupsRequest().withMaxResults(2).withNextToken(t)),
            p -> {
              assertThat(p.getProfilingGroups())
                  .as("descriptions without includeDescription")
                  .isNullOrEmpty();
              return p.getProfilingGroupNames();
            },
            ListProfilingGroupsResult::getNextToken);
    Expect.groupPages(pages);
    assertThat(
            client
                .listProfilingGroups(new ListProfilingGroupsRequest().withIncludeDescription(true))
                .getProfilingGroups())
        .extracting(ProfilingGroupDescription::getName)
        .containsExactlyElementsOf(Expect.GROUP_NAMES);
  }

  @Test
  @Scenario("configure-agent")
  void configureAgent() {
    create(GROUP);
    var config =
        client
            .configureAgent(
                new ConfigureAgentRequest()
                    .withProfilingGroupName(GROUP)
                    .withFleetInstanceId("i-compat"))
            .getConfiguration();
    assertThat(config.getShouldProfile()).isTrue();
    assertThat(config.getPeriodInSeconds()).isEqualTo(300);
    assertThat(config.getAgentParameters()).isNotEmpty();
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

  private GetProfileRequest tenMinutesFrom(Instant start) {
    return new GetProfileRequest()
        .withProfilingGroupName(GROUP)
        .withStartTime(Date.from(start))
        .withEndTime(Date.from(start.plus(Duration.ofMinutes(10))));
  }

  @Test
  @Scenario("get-profile-json")
  void getProfileJson() {
    GetProfileResult r =
        client.getProfile(tenMinutesFrom(postTwo()).withAccept("application/json"));
    Expect.mergedOfTwoPosts(r.getContentType(), bytes(r));
  }

  @Test
  @Scenario("get-profile-ion")
  void getProfileIon() {
    GetProfileResult r =
        client.getProfile(tenMinutesFrom(postTwo()).withAccept("application/x-amzn-ion"));
    Expect.ionBinary(r.getContentType(), bytes(r));
  }

  @Test
  @Scenario("get-profile-no-accept")
  void getProfileNoAccept() {
    GetProfileResult r = client.getProfile(tenMinutesFrom(postTwo()));
    Expect.ionBinary(r.getContentType(), bytes(r));
  }

  @Test
  @Scenario("list-profile-times")
  void listProfileTimes() {
    create(GROUP);
    List<Instant> starts = Expect.profileTimeStarts();
    for (Instant s : starts) {
      post(GROUP, Profiles.json(s.plusSeconds(30), 1, 1), "application/json");
    }
    for (OrderBy order : List.of(OrderBy.TimestampAscending, OrderBy.TimestampDescending)) {
      List<List<Instant>> pages =
          Pages.all(
              t ->
                  client.listProfileTimes(
                      new ListProfileTimesRequest()
                          .withProfilingGroupName(GROUP)
                          .withPeriod(AggregationPeriod.PT5M)
                          .withStartTime(Date.from(starts.get(0).minus(Duration.ofHours(1))))
                          .withEndTime(Date.from(Instant.now().plusSeconds(60)))
                          .withOrderBy(order)
                          .withMaxResults(2)
                          .withNextToken(t)),
              p -> p.getProfileTimes().stream().map(pt -> pt.getStart().toInstant()).toList(),
              ListProfileTimesResult::getNextToken);
      assertThat(pages).as(order.toString()).hasSize(2);
      assertThat(Pages.flat(pages))
          .as(order.toString())
          .containsExactlyElementsOf(Expect.ordered(starts, order == OrderBy.TimestampAscending));
    }
  }

  @Test
  @Scenario("tags")
  void tags() {
    String arn = create(GROUP).getArn();
    client.tagResource(
        new TagResourceRequest()
            .withResourceArn(arn)
            .withTags(Map.of("team", "perf", "env", "ci")));
    assertThat(
            client
                .listTagsForResource(new ListTagsForResourceRequest().withResourceArn(arn))
                .getTags())
        .containsOnly(Map.entry("team", "perf"), Map.entry("env", "ci"));
    client.untagResource(new UntagResourceRequest().withResourceArn(arn).withTagKeys("env"));
    assertThat(
            client
                .listTagsForResource(new ListTagsForResourceRequest().withResourceArn(arn))
                .getTags())
        .containsOnly(Map.entry("team", "perf"));
  }

  @Test
  @Scenario("errors")
  void errors() {
    assertError(
        catchThrowableOfType(
            ValidationException.class,
            () ->
                noRetries.createProfilingGroup(
                    new CreateProfilingGroupRequest()
                        .withProfilingGroupName("has space")
                        .withClientToken("t1"))),
        400,
        "profilingGroupName");
    assertError(
        catchThrowableOfType(ResourceNotFoundException.class, () -> describe(noRetries, "missing")),
        404,
        "missing");
    create(GROUP);
    assertError(catchThrowableOfType(ConflictException.class, () -> create(GROUP)), 409, GROUP);
    for (int i = 1; i <= 2; i++) {
      noRetries.addNotificationChannels(channel(i));
    }
    assertError(
        catchThrowableOfType(
            ServiceQuotaExceededException.class,
            () -> noRetries.addNotificationChannels(channel(3))),
        402,
        "notification channels");
    ADMIN.failNext(Expect.DESCRIBE, "throttling", Expect.THROTTLING_MESSAGE, 1);
    assertError(
        catchThrowableOfType(ThrottlingException.class, () -> describe(noRetries, GROUP)),
        429,
        Expect.THROTTLING_MESSAGE);
    ADMIN.failNext(Expect.DESCRIBE, "internalError", Expect.INTERNAL_MESSAGE, 1);
    assertError(
        catchThrowableOfType(InternalServerException.class, () -> describe(noRetries, GROUP)),
        500,
        Expect.INTERNAL_MESSAGE);
  }

  private static AddNotificationChannelsRequest channel(int n) {
    return new AddNotificationChannelsRequest()
        .withProfilingGroupName(GROUP)
        .withChannels(
            new Channel()
                .withUri("arn:aws:sns:us-east-1:123456789012:topic-" + n)
                .withEventPublishers("AnomalyDetection"));
  }

  private static void assertError(AmazonServiceException e, int status, String messagePart) {
    assertThat(e).as("exception").isNotNull();
    Expect.serviceError(
        e, e.getStatusCode(), e.getErrorCode(), e.getErrorMessage(), status, messagePart);
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

  private void retriesOf(String fault, Class<? extends AmazonServiceException> type) {
    create(GROUP);
    ADMIN.failEvery(Expect.DESCRIBE, fault);
    assertThat(catchThrowableOfType(type, () -> describe(client, GROUP))).isNotNull();
    note(
        Expect.attempts(
            Expect.DESCRIBE,
            DEFAULT_ATTEMPTS,
            "default maxErrorRetry " + PredefinedRetryPolicies.DEFAULT_MAX_ERROR_RETRY));
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
    assertThat(create(GROUP).getCreatedAt().toInstant())
        .isBetween(before, Instant.now().plusSeconds(5));
    Instant start = Profiles.bucketsAgo(2);
    post(GROUP, Profiles.json(start, 1, 2), "application/json");
    Date from = Date.from(start.minusMillis(123_457));
    Date to = Date.from(start.plus(Duration.ofMinutes(5)).plusMillis(877));
    GetProfileResult r =
        client.getProfile(
            new GetProfileRequest()
                .withProfilingGroupName(GROUP)
                .withStartTime(from)
                .withEndTime(to)
                .withAccept("application/json"));
    assertThat(Profiles.wallTime(bytes(r), "b")).isEqualTo(2);
    assertThat(
            client
                .listProfileTimes(
                    new ListProfileTimesRequest()
                        .withProfilingGroupName(GROUP)
                        .withPeriod("PT5M")
                        .withStartTime(from)
                        .withEndTime(to))
                .getProfileTimes())
        .extracting(ProfileTime::getStart)
        .containsExactly(Date.from(start));
    assertThat(
            describe(client, GROUP)
                .getProfilingStatus()
                .getLatestAgentProfileReportedAt()
                .toInstant())
        .isBetween(before, Instant.now().plusSeconds(5));
  }

  @Test
  @Scenario("findings")
  void findings() {
    create(GROUP);
    ADMIN.scriptFindings(GROUP);
    GetRecommendationsRequest window =
        new GetRecommendationsRequest()
            .withProfilingGroupName(GROUP)
            .withStartTime(Date.from(Expect.FINDINGS_START))
            .withEndTime(Date.from(Expect.FINDINGS_END));
    GetRecommendationsResult found = client.getRecommendations(window.clone().withLocale("fr-FR"));
    assertThat(found.getRecommendations()).hasSize(1);
    Recommendation r = found.getRecommendations().get(0);
    assertThat(r.getPattern().getName()).isEqualTo("Excessive logging");
    assertThat(r.getPattern().getTargetFrames()).containsExactly(List.of("Logger.log"));
    assertThat(r.getPattern().getThresholdPercent()).isEqualTo(5.0);
    assertThat(r.getAllMatchesCount()).isEqualTo(1);
    assertThat(r.getAllMatchesSum()).isEqualTo(7.5);
    assertThat(r.getTopMatches().get(0).getFrameAddress()).isEqualTo("main;handle;Logger.log");
    assertThat(r.getStartTime().toInstant()).isEqualTo(Expect.FINDINGS_START);
    Anomaly a = found.getAnomalies().get(0);
    assertThat(a.getMetric().getFrameName()).isEqualTo("Db.query");
    assertThat(a.getMetric().getThreadStates()).containsExactly("RUNNABLE");
    assertThat(a.getInstances().get(0).getId()).isEqualTo(Expect.ANOMALY_INSTANCE);
    assertThat(a.getInstances().get(0).getEndTime().toInstant())
        .isEqualTo(Instant.parse("2024-01-02T03:20:00Z"));

    List<List<String>> pages =
        Pages.all(
            t ->
                client.listFindingsReports(
                    new ListFindingsReportsRequest()
                        .withProfilingGroupName(GROUP)
                        .withStartTime(Date.from(Expect.FINDINGS_DAY))
                        .withEndTime(Date.from(Expect.FINDINGS_DAY.plus(Duration.ofDays(1))))
                        .withMaxResults(1)
                        .withNextToken(t)),
            p ->
                p.getFindingsReportSummaries().stream()
                    .map(
                        x ->
                            x.getProfileStartTime().toInstant()
                                + " "
                                + x.getProfileEndTime().toInstant()
                                + " "
                                + x.getTotalNumberOfFindings())
                    .toList(),
            ListFindingsReportsResult::getNextToken);
    Expect.findingsReports(Pages.flat(pages));
    assertThat(
            client
                .getFindingsReportAccountSummary(
                    new GetFindingsReportAccountSummaryRequest().withDailyReportsOnly(true))
                .getReportSummaries())
        .extracting(FindingsReportSummary::getProfilingGroupName)
        .containsExactly(GROUP);

    client.submitFeedback(
        new SubmitFeedbackRequest()
            .withProfilingGroupName(GROUP)
            .withAnomalyInstanceId(Expect.ANOMALY_INSTANCE)
            .withType(FeedbackType.Positive)
            .withComment("useful"));
    Expect.feedbackRecorded(GROUP);
    assertThat(
            client
                .getRecommendations(window)
                .getAnomalies()
                .get(0)
                .getInstances()
                .get(0)
                .getUserFeedback()
                .getType())
        .isEqualTo("Positive");
    note("1 recommendation, 1 anomaly, 3 reports in pages of 1, Positive feedback shown");
  }
}
