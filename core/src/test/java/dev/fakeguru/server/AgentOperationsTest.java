package dev.fakeguru.server;

import static dev.fakeguru.server.ProfilingGroupOperationsTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.model.ConfigureAgentResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.MetadataField;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

class AgentOperationsTest extends FakeServerTestBase {

  @Test
  void configure_agent_answers_the_defaults_real_agents_accept() {
    ConfigureAgentResponse r =
        client.configureAgent(b -> b.profilingGroupName(GROUP).fleetInstanceId("host-1"));

    assertThat(r.configuration().shouldProfile()).isTrue();
    assertThat(r.configuration().periodInSeconds()).isEqualTo(300);
    assertThat(r.configuration().agentParametersAsStrings())
        .containsEntry("SamplingIntervalInMilliseconds", "1000")
        .containsEntry("MinimumTimeForReportingInMilliseconds", "60000")
        .containsEntry("MaxStackDepth", "1000")
        .containsEntry("MemoryUsageLimitPercent", "10")
        .containsEntry("ReportingIntervalInMilliseconds", "300000");
    assertThat(
            client
                .describeProfilingGroup(b -> b.profilingGroupName(GROUP))
                .profilingGroup()
                .profilingStatus()
                .latestAgentOrchestratedAt())
        .isEqualTo(clock.instant());
  }

  @Test
  void configure_agent_says_stop_when_the_group_is_disabled() {
    client.updateProfilingGroup(
        b -> b.profilingGroupName(GROUP).agentOrchestrationConfig(c -> c.profilingEnabled(false)));

    assertThat(
            client.configureAgent(b -> b.profilingGroupName(GROUP)).configuration().shouldProfile())
        .isFalse();
  }

  @Test
  void configure_agent_uses_the_configured_answer() {
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .profilingGroup("fast")
                .defaultAgentConfiguration(AgentConfiguration.fastReporting(2))
                .start();
        var c = sdkClient(f)) {
      var config = c.configureAgent(b -> b.profilingGroupName("fast")).configuration();
      assertThat(config.periodInSeconds()).isEqualTo(2);
      assertThat(config.agentParametersAsStrings())
          .containsEntry("MinimumTimeForReportingInMilliseconds", "2000");
    }
  }

  @Test
  void configure_agent_validates_metadata_keys_and_group() {
    client.configureAgent(
        b -> b.profilingGroupName(GROUP).metadata(Map.of(MetadataField.AGENT_ID, "a-1")));
    assertValidation(
        () ->
            client.configureAgent(
                b -> b.profilingGroupName(GROUP).metadataWithStrings(Map.of("AGENT_ID", "x"))),
        "Value 'AGENT_ID' at 'metadata key' failed to satisfy constraint: Member must satisfy enum value set");
    assertValidation(
        () -> client.configureAgent(b -> b.profilingGroupName(GROUP).fleetInstanceId("")),
        "at 'fleetInstanceId'");
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> client.configureAgent(b -> b.profilingGroupName("ghost"))))
        .hasMessageContaining("Profiling group 'ghost' does not exist.");
  }

  @Test
  void the_python_agent_request_body_is_accepted_as_sent() {
    byte[] body = resource("/fixtures/python-agent-configure-agent-request.body");
    var r =
        raw(
            "POST",
            "/profilingGroups/" + GROUP + "/configureAgent",
            body,
            "Content-Type",
            "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body())).startsWith("{\"shouldProfile\":true,\"periodInSeconds\":300,");
  }

  @Test
  void post_stores_raw_bytes_and_decoded_profile() {
    Profile p = profileAt(2, 7, "main", "work");
    byte[] bytes = json(p);

    var r =
        client.postAgentProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .contentType("application/json")
                    .profileToken("tok-1")
                    .agentProfile(SdkBytes.fromByteArray(bytes)));

    assertThat(r.sdkHttpResponse().statusCode()).isEqualTo(204);
    RecordedProfilePost post = fake.takeProfilePost(Duration.ofSeconds(1));
    assertThat(post.body()).isEqualTo(bytes);
    assertThat(post.profileToken()).hasValue("tok-1");
    assertThat(post.contentType()).hasValue("application/json");
    assertThat(post.stored()).isTrue();
    assertThat(
            post.requireProfile()
                .nodeAt("main", "work")
                .orElseThrow()
                .selfCount(CounterTypes.WALL_TIME))
        .isEqualTo(7);
    assertThat(
            client
                .describeProfilingGroup(b -> b.profilingGroupName(GROUP))
                .profilingGroup()
                .profilingStatus()
                .latestAgentProfileReportedAt())
        .isEqualTo(clock.instant());
  }

  @Test
  void a_retry_with_the_same_profile_token_is_stored_once() {
    byte[] bytes = json(profileAt(2, 7, "main"));
    for (int i = 0; i < 3; i++) {
      client.postAgentProfile(
          b ->
              b.profilingGroupName(GROUP)
                  .contentType("application/json")
                  .profileToken("same")
                  .agentProfile(SdkBytes.fromByteArray(bytes)));
    }

    assertThat(fake.profilePosts(GROUP))
        .extracting(RecordedProfilePost::stored)
        .containsExactly(true, false, false);
    assertThat(
            fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofHours(1)))
                .orElseThrow()
                .totalCount("WALL_TIME"))
        .isEqualTo(7);
  }

  @Test
  void gzip_bodies_are_accepted_with_or_without_content_encoding() throws Exception {
    byte[] gz = gzip(json(profileAt(1, 3, "main")));
    var r1 =
        raw(
            "POST",
            "/profilingGroups/" + GROUP + "/agentProfile?profileToken=a",
            gz,
            "Content-Type",
            "application/json");
    var r2 =
        raw(
            "POST",
            "/profilingGroups/" + GROUP + "/agentProfile?profileToken=b",
            gz,
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip");

    assertThat(r1.statusCode()).isEqualTo(204);
    assertThat(r2.statusCode()).isEqualTo(204);
    assertThat(
            fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofHours(1)))
                .orElseThrow()
                .totalCount("WALL_TIME"))
        .isEqualTo(6);
    // The bytes are recorded exactly as sent, still compressed.
    assertThat(fake.profilePosts(GROUP)).allSatisfy(p -> assertThat(p.body()).isEqualTo(gz));
    assertThat(fake.profilePosts(GROUP).get(1).contentEncoding()).hasValue("gzip");
    assertThat(fake.profilePosts(GROUP).get(0).contentEncoding()).isEmpty();
  }

  @Test
  void a_body_over_the_size_limit_is_refused_without_reading_it_all() {
    try (FakeCodeGuruProfiler f =
        FakeCodeGuruProfiler.builder()
            .profilingGroup("g")
            .codecLimits(
                dev.fakeguru.profile.CodecLimits.builder().maxCompressedBytes(1024).build())
            .start()) {
      var r = TestClients.HTTP;
      var resp = sendRaw(r, f, new byte[4096]);
      assertThat(resp.statusCode()).isEqualTo(400);
      assertThat(new String(resp.body())).contains("The request body is larger than 1024 bytes");
      assertThat(f.profilePosts("g"))
          .singleElement()
          .satisfies(p -> assertThat(p.stored()).isFalse());
    }
  }

  private static java.net.http.HttpResponse<byte[]> sendRaw(
      java.net.http.HttpClient c, FakeCodeGuruProfiler f, byte[] body) {
    try {
      return c.send(
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(f.endpoint() + "/profilingGroups/g/agentProfile"))
              .timeout(TestClients.REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void bad_posts_are_refused_with_400_and_store_nothing() {
    byte[] good = json(profileAt(1, 3, "main"));
    assertValidation(
        () ->
            client.postAgentProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .contentType("text/plain")
                        .agentProfile(SdkBytes.fromByteArray(good))),
        "Value 'text/plain' at 'contentType' failed to satisfy constraint: Member must be application/json or application/x-amzn-ion");
    assertValidation(
        () ->
            client.postAgentProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .contentType("application/json")
                        .agentProfile(SdkBytes.fromUtf8String("{\"start\":"))),
        "Invalid agentProfile: ");
    assertValidation(
        () ->
            client.postAgentProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .contentType("application/json")
                        .profileToken("no spaces!")
                        .agentProfile(SdkBytes.fromByteArray(good))),
        "at 'profileToken'");
    var empty =
        raw(
            "POST",
            "/profilingGroups/" + GROUP + "/agentProfile",
            new byte[0],
            "Content-Type",
            "application/json");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(new String(empty.body()))
        .contains("at 'agentProfile' failed to satisfy constraint: Member must not be empty");

    assertThat(fake.profilePosts(GROUP)).hasSize(4).noneMatch(RecordedProfilePost::stored);
    assertThat(fake.profilePosts(GROUP).get(1).decodeFailure())
        .hasValueSatisfying(f -> assertThat(f).startsWith("Invalid agentProfile"));
    assertThat(fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void post_to_an_unknown_group_is_404_unless_auto_create_is_on() {
    byte[] good = json(profileAt(1, 3, "main"));
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.postAgentProfile(
                        b ->
                            b.profilingGroupName("ghost")
                                .contentType("application/json")
                                .agentProfile(SdkBytes.fromByteArray(good)))))
        .isNotNull();

    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder().autoCreateProfilingGroups(true).start();
        var c = sdkClient(f)) {
      c.postAgentProfile(
          b ->
              b.profilingGroupName("ghost")
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromByteArray(good)));
      assertThat(f.profilingGroupNames()).containsExactly("ghost");
      assertThat(f.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(1);
    }
  }

  @Test
  void await_stored_profiles_times_out_with_what_arrived() {
    post(GROUP, profileAt(1, 1, "main"));

    AssertionError e =
        catchThrowableOfType(
            AssertionError.class, () -> fake.awaitStoredProfiles(GROUP, 2, Duration.ofMillis(200)));

    assertThat(e)
        .hasMessageContaining(
            "Expected 2 stored profiles for profiling group 'my-app' within PT0.2S, but 1 arrived.")
        .hasMessageContaining(
            "#1 PostAgentProfile(my-app) POST /profilingGroups/my-app/agentProfile");
  }

  @Test
  void await_stored_profiles_returns_once_an_asynchronous_client_posted() throws Exception {
    Thread poster =
        new Thread(
            () -> {
              for (int i = 0; i < 3; i++) {
                post(GROUP, profileAt(i, 1, "main"));
              }
            });
    poster.start();

    assertThat(fake.awaitStoredProfiles(GROUP, 3, Duration.ofSeconds(10))).hasSize(3);
    poster.join();
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] resource(String name) {
    try (var in = AgentOperationsTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (Exception e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }
}
