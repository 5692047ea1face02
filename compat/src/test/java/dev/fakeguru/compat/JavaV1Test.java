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
import com.amazonaws.services.codeguruprofiler.model.Channel;
import com.amazonaws.services.codeguruprofiler.model.ConfigureAgentRequest;
import com.amazonaws.services.codeguruprofiler.model.ConflictException;
import com.amazonaws.services.codeguruprofiler.model.CreateProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.DeleteProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.DescribeProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.GetProfileRequest;
import com.amazonaws.services.codeguruprofiler.model.GetProfileResult;
import com.amazonaws.services.codeguruprofiler.model.InternalServerException;
import com.amazonaws.services.codeguruprofiler.model.ListProfileTimesRequest;
import com.amazonaws.services.codeguruprofiler.model.ListProfileTimesResult;
import com.amazonaws.services.codeguruprofiler.model.ListProfilingGroupsRequest;
import com.amazonaws.services.codeguruprofiler.model.ListProfilingGroupsResult;
import com.amazonaws.services.codeguruprofiler.model.ListTagsForResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.PostAgentProfileRequest;
import com.amazonaws.services.codeguruprofiler.model.ProfileTime;
import com.amazonaws.services.codeguruprofiler.model.ProfilingGroupDescription;
import com.amazonaws.services.codeguruprofiler.model.ResourceNotFoundException;
import com.amazonaws.services.codeguruprofiler.model.ServiceQuotaExceededException;
import com.amazonaws.services.codeguruprofiler.model.TagResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.ThrottlingException;
import com.amazonaws.services.codeguruprofiler.model.UntagResourceRequest;
import com.amazonaws.services.codeguruprofiler.model.UpdateProfilingGroupRequest;
import com.amazonaws.services.codeguruprofiler.model.ValidationException;
import com.amazonaws.util.VersionInfoUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Java SDK v1 ({@code aws-java-sdk-codeguruprofiler}) with its default HTTP client and retries. */
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
    // The default ClientConfiguration: its retry policy is PredefinedRetryPolicies.DEFAULT (legacy mode).
    ClientConfiguration config = new ClientConfiguration();
    if (!retries) {
      config.setRetryPolicy(PredefinedRetryPolicies.NO_RETRY_POLICY);
    }
    return AmazonCodeGuruProfilerClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(ENDPOINT, "us-east-1"))
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDCOMPAT", "compat-secret")))
        .withClientConfiguration(config)
        .build();
  }

  private AmazonCodeGuruProfiler shutDownAfterSuite(AmazonCodeGuruProfiler c) {
    closeAfterSuite(c::shutdown);
    return c;
  }

  private ProfilingGroupDescription create(String name) {
    return client.createProfilingGroup(new CreateProfilingGroupRequest().withProfilingGroupName(name)
        .withClientToken(UUID.randomUUID().toString())).getProfilingGroup();
  }

  private void post(String group, byte[] body, String contentType) {
    client.postAgentProfile(new PostAgentProfileRequest().withProfilingGroupName(group).withContentType(contentType)
        .withAgentProfile(ByteBuffer.wrap(body)));
  }

  private static byte[] bytes(GetProfileResult r) {
    ByteBuffer b = r.getProfile().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private ProfilingGroupDescription describe(AmazonCodeGuruProfiler c, String name) {
    return c.describeProfilingGroup(new DescribeProfilingGroupRequest().withProfilingGroupName(name)).getProfilingGroup();
  }

  @Test
  @Scenario("profiling-groups")
  void profilingGroups() {
    ProfilingGroupDescription created = create(GROUP);
    assertThat(created.getArn()).isEqualTo("arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/" + GROUP);
    assertThat(describe(client, GROUP).getAgentOrchestrationConfig().getProfilingEnabled()).isTrue();
    client.updateProfilingGroup(new UpdateProfilingGroupRequest().withProfilingGroupName(GROUP)
        .withAgentOrchestrationConfig(new AgentOrchestrationConfig().withProfilingEnabled(false)));
    ProfilingGroupDescription updated = describe(client, GROUP);
    assertThat(updated.getAgentOrchestrationConfig().getProfilingEnabled()).isFalse();
    assertThat(updated.getUpdatedAt()).isAfterOrEqualTo(updated.getCreatedAt());
    client.deleteProfilingGroup(new DeleteProfilingGroupRequest().withProfilingGroupName(GROUP));
    assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> describe(client, GROUP)).getStatusCode()).isEqualTo(404);
  }

  @Test
  @Scenario("list-pagination")
  void listPagination() {
    List<String> names = List.of("compat-a", "compat-b", "compat-c", "compat-d", "compat-e");
    names.forEach(this::create);
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ListProfilingGroupsResult page = client.listProfilingGroups(new ListProfilingGroupsRequest().withMaxResults(2).withNextToken(token));
      assertThat(page.getProfilingGroupNames()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(page.getProfilingGroupNames());
      token = page.getNextToken();
      pages++;
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(names);
    assertThat(pages).isEqualTo(3);
    assertThat(client.listProfilingGroups(new ListProfilingGroupsRequest().withIncludeDescription(true)).getProfilingGroups())
        .extracting(ProfilingGroupDescription::getName).containsExactlyElementsOf(names);
  }

  @Test
  @Scenario("configure-agent")
  void configureAgent() {
    create(GROUP);
    var config = client.configureAgent(new ConfigureAgentRequest().withProfilingGroupName(GROUP).withFleetInstanceId("i-compat"))
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
    List<JsonNode> posts = ADMIN.posts(GROUP);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).get("size").asInt()).isEqualTo(body.length);
    assertThat(posts.get(0).get("stored").asBoolean()).isTrue();
    assertThat(posts.get(0).get("contentType").asText()).isEqualTo("application/json");
  }

  @Test
  @Scenario("post-ion")
  void postIon() {
    create(GROUP);
    byte[] body = Profiles.ion(Profiles.bucketsAgo(2), 3, 4);
    post(GROUP, body, "application/x-amzn-ion");
    List<JsonNode> posts = ADMIN.posts(GROUP);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).get("size").asInt()).isEqualTo(body.length);
    assertThat(posts.get(0).get("decoded").asBoolean()).isTrue();
    assertThat(posts.get(0).get("contentType").asText()).isEqualTo("application/x-amzn-ion");
  }

  private Instant postTwo() {
    create(GROUP);
    Instant start = Profiles.bucketsAgo(3);
    post(GROUP, Profiles.json(start, 3, 4), "application/json");
    post(GROUP, Profiles.ion(start.plus(Duration.ofMinutes(5)), 10, 20), "application/x-amzn-ion");
    return start;
  }

  private GetProfileRequest tenMinutesFrom(Instant start) {
    return new GetProfileRequest().withProfilingGroupName(GROUP).withStartTime(Date.from(start))
        .withEndTime(Date.from(start.plus(Duration.ofMinutes(10))));
  }

  @Test
  @Scenario("get-profile-json")
  void getProfileJson() {
    GetProfileResult r = client.getProfile(tenMinutesFrom(postTwo()).withAccept("application/json"));
    assertThat(r.getContentType()).isEqualTo("application/json");
    assertThat(Profiles.wallTime(bytes(r), "a")).isEqualTo(13);
    assertThat(Profiles.wallTime(bytes(r), "b")).isEqualTo(24);
  }

  @Test
  @Scenario("get-profile-ion")
  void getProfileIon() {
    GetProfileResult r = client.getProfile(tenMinutesFrom(postTwo()).withAccept("application/x-amzn-ion"));
    assertThat(r.getContentType()).isEqualTo("application/x-amzn-ion");
    assertThat(Profiles.isIonBinary(bytes(r))).isTrue();
  }

  @Test
  @Scenario("get-profile-no-accept")
  void getProfileNoAccept() {
    GetProfileResult r = client.getProfile(tenMinutesFrom(postTwo()));
    assertThat(r.getContentType()).isEqualTo("application/x-amzn-ion");
    assertThat(Profiles.isIonBinary(bytes(r))).isTrue();
  }

  @Test
  @Scenario("list-profile-times")
  void listProfileTimes() {
    create(GROUP);
    List<Instant> starts = List.of(Profiles.bucketsAgo(4), Profiles.bucketsAgo(3), Profiles.bucketsAgo(1));
    for (Instant s : starts) {
      post(GROUP, Profiles.json(s.plusSeconds(30), 1, 1), "application/json");
    }
    List<Instant> seen = new ArrayList<>();
    String token = null;
    do {
      ListProfileTimesResult page = client.listProfileTimes(new ListProfileTimesRequest().withProfilingGroupName(GROUP)
          .withPeriod("PT5M").withStartTime(Date.from(starts.get(0).minus(Duration.ofHours(1))))
          .withEndTime(Date.from(Instant.now().plusSeconds(60))).withOrderBy("TimestampAscending").withMaxResults(2)
          .withNextToken(token));
      page.getProfileTimes().stream().map(t -> t.getStart().toInstant()).forEach(seen::add);
      token = page.getNextToken();
    } while (token != null);
    assertThat(seen).containsExactlyElementsOf(starts);
  }

  @Test
  @Scenario("tags")
  void tags() {
    String arn = create(GROUP).getArn();
    client.tagResource(new TagResourceRequest().withResourceArn(arn).withTags(Map.of("team", "perf", "env", "ci")));
    assertThat(client.listTagsForResource(new ListTagsForResourceRequest().withResourceArn(arn)).getTags())
        .containsOnly(Map.entry("team", "perf"), Map.entry("env", "ci"));
    client.untagResource(new UntagResourceRequest().withResourceArn(arn).withTagKeys("env"));
    assertThat(client.listTagsForResource(new ListTagsForResourceRequest().withResourceArn(arn)).getTags())
        .containsOnly(Map.entry("team", "perf"));
  }

  @Test
  @Scenario("errors")
  void errors() {
    assertError(catchThrowableOfType(ValidationException.class, () -> noRetries.createProfilingGroup(
        new CreateProfilingGroupRequest().withProfilingGroupName("has space").withClientToken("t1"))), 400, "profilingGroupName");
    assertError(catchThrowableOfType(ResourceNotFoundException.class, () -> describe(noRetries, "missing")), 404, "missing");
    create(GROUP);
    assertError(catchThrowableOfType(ConflictException.class, () -> create(GROUP)), 409, GROUP);
    for (int i = 1; i <= 2; i++) {
      noRetries.addNotificationChannels(channel(i));
    }
    assertError(catchThrowableOfType(ServiceQuotaExceededException.class, () -> noRetries.addNotificationChannels(channel(3))), 402,
        "notification channels");
    ADMIN.fault("{\"fault\":{\"type\":\"throttling\",\"message\":\"Rate exceeded (compat)\"},\"operations\":[\"DescribeProfilingGroup\"],\"nextCalls\":1}");
    assertError(catchThrowableOfType(ThrottlingException.class, () -> describe(noRetries, GROUP)), 429, "Rate exceeded (compat)");
    ADMIN.fault("{\"fault\":{\"type\":\"internalError\",\"message\":\"Broken (compat)\"},\"operations\":[\"DescribeProfilingGroup\"],\"nextCalls\":1}");
    assertError(catchThrowableOfType(InternalServerException.class, () -> describe(noRetries, GROUP)), 500, "Broken (compat)");
  }

  private static AddNotificationChannelsRequest channel(int n) {
    return new AddNotificationChannelsRequest().withProfilingGroupName(GROUP).withChannels(new Channel()
        .withUri("arn:aws:sns:us-east-1:123456789012:topic-" + n).withEventPublishers("AnomalyDetection"));
  }

  private static void assertError(AmazonServiceException e, int status, String messagePart) {
    assertThat(e).as("exception").isNotNull();
    assertThat(e.getStatusCode()).isEqualTo(status);
    assertThat(e.getErrorCode()).isEqualTo(e.getClass().getSimpleName());
    assertThat(e.getErrorMessage()).isNotBlank().contains(messagePart);
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
    ADMIN.fault("{\"fault\":{\"type\":\"" + fault + "\"},\"operations\":[\"DescribeProfilingGroup\"]}");
    assertThat(catchThrowableOfType(type, () -> describe(client, GROUP))).isNotNull();
    assertThat(ADMIN.calls("DescribeProfilingGroup")).hasSize(DEFAULT_ATTEMPTS);
    note(DEFAULT_ATTEMPTS + " attempts (default maxErrorRetry " + PredefinedRetryPolicies.DEFAULT_MAX_ERROR_RETRY + ")");
  }

  @Test
  @Scenario("idempotent-post-retry")
  void idempotentPostRetry() {
    create(GROUP);
    ADMIN.fault("{\"fault\":{\"type\":\"internalError\"},\"operations\":[\"PostAgentProfile\"],\"nextCalls\":1,\"timing\":\"afterEffect\"}");
    post(GROUP, Profiles.json(Profiles.bucketsAgo(1), 5, 6), "application/json");
    List<JsonNode> posts = ADMIN.posts(GROUP);
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).get("token").asText()).isNotBlank().isEqualTo(posts.get(1).get("token").asText());
    assertThat(posts).filteredOn(p -> p.get("stored").asBoolean()).hasSize(1);
  }

  @Test
  @Scenario("timestamps")
  void timestamps() {
    Instant before = Instant.now().minusSeconds(5);
    assertThat(create(GROUP).getCreatedAt().toInstant()).isBetween(before, Instant.now().plusSeconds(5));
    Instant start = Profiles.bucketsAgo(2);
    post(GROUP, Profiles.json(start, 1, 2), "application/json");
    Date from = Date.from(start.minusMillis(123_457));
    Date to = Date.from(start.plus(Duration.ofMinutes(5)).plusMillis(877));
    GetProfileResult r = client.getProfile(new GetProfileRequest().withProfilingGroupName(GROUP).withStartTime(from)
        .withEndTime(to).withAccept("application/json"));
    assertThat(Profiles.wallTime(bytes(r), "b")).isEqualTo(2);
    assertThat(client.listProfileTimes(new ListProfileTimesRequest().withProfilingGroupName(GROUP).withPeriod("PT5M")
        .withStartTime(from).withEndTime(to)).getProfileTimes()).extracting(ProfileTime::getStart).containsExactly(Date.from(start));
    assertThat(describe(client, GROUP).getProfilingStatus().getLatestAgentProfileReportedAt().toInstant())
        .isBetween(before, Instant.now().plusSeconds(5));
  }
}
