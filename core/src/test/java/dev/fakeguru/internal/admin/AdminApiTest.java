package dev.fakeguru.internal.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.server.TestClients;
import dev.fakeguru.time.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ConfigureAgentResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.InternalServerException;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;

/** The admin API over real HTTP, with the real AWS SDK v2 client on the API side. */
class AdminApiTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final String GROUP = "my-app";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = TestClients.HTTP;

  static SettableClock clock;
  static FakeCodeGuruProfiler fake;
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void start() {
    clock = SettableClock.at(T0.plusSeconds(3600));
    fake = FakeCodeGuruProfiler.builder().clock(clock).profilingGroup(GROUP).adminApi(true).start();
    client = sdk(fake);
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

  static CodeGuruProfilerClient sdk(FakeCodeGuruProfiler f) {
    return TestClients.sdk(f);
  }

  static Profile profileAt(int minutes, long count, String... frames) {
    Instant start = T0.plusSeconds(60L * minutes);
    return Profile.builder(start, start.plusSeconds(60)).stack(count, frames).build();
  }

  static byte[] json(Profile p) {
    return ProfileCodec.defaults().encode(p, ProfileFormat.JSON);
  }

  static void post(String group, Profile p) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArray(json(p))));
  }

  record Answer(int status, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(raw.body(), StandardCharsets.UTF_8), e);
      }
    }

    String message() {
      return json().path("message").asText();
    }
  }

  static Answer call(
      FakeCodeGuruProfiler f, String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/" + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(r.statusCode(), r);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static Answer call(String method, String path, String body) {
    return call(fake, method, path, body);
  }

  static Answer get(String path) {
    return call("GET", path, null);
  }

  // --- Profiling groups -------------------------------------------------------------------------

  @Test
  void profiling_groups_can_be_listed_created_described_and_deleted() {
    Answer created =
        call("POST", "profiling-groups", "{\"name\": \"svc\", \"profilingEnabled\": false}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("name").asText()).isEqualTo("svc");
    assertThat(created.json().path("agentOrchestrationConfig").path("profilingEnabled").asBoolean())
        .isFalse();
    assertThat(
            client.describeProfilingGroup(r -> r.profilingGroupName("svc")).profilingGroup().arn())
        .isEqualTo(created.json().path("arn").asText());

    JsonNode list = get("profiling-groups").json();
    assertThat(list.path("names")).extracting(JsonNode::asText).containsExactly(GROUP, "svc");
    assertThat(list.path("profilingGroups").get(1).path("name").asText()).isEqualTo("svc");
    assertThat(list.path("profilingGroups").get(1).has("_clientToken")).isFalse();
    assertThat(get("profiling-groups/svc").json().path("name").asText()).isEqualTo("svc");

    assertThat(call("POST", "profiling-groups", "{\"name\": \"svc\"}").status()).isEqualTo(409);
    assertThat(call("DELETE", "profiling-groups/svc", null).status()).isEqualTo(204);
    assertThat(fake.profilingGroupNames()).containsExactly(GROUP);
    assertThat(call("DELETE", "profiling-groups/svc", null).status()).isEqualTo(404);
    assertThat(get("profiling-groups/svc").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\": \"a/b\"}                          | name must be 1 to 255 characters",
        "{}                                           | name is required",
        "{\"name\": 7}                                | name must be a string",
        "{\"name\": \"x\", \"profilingEnabled\": 1}   | profilingEnabled must be true or false",
        "{\"name\": \"x\", \"enabled\": true}         | enabled is not a known field",
        "[1]                                          | must be a JSON object",
        "{\"name\":                                   | not valid JSON",
        "{\"name\": \"a\", \"name\": \"b\"}              | Duplicate field 'name'",
      })
  void bad_group_requests_get_a_400_naming_the_problem(String body, String message) {
    Answer a = call("POST", "profiling-groups", body);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.message()).contains(message);
  }

  // --- Posts and calls --------------------------------------------------------------------------

  @Test
  void posts_are_listed_with_metadata_and_served_raw_and_decoded() {
    Profile p = profileAt(0, 10, "main", "a");
    post(GROUP, p);
    assertThatThrownBy(
            () ->
                client.postAgentProfile(
                    r ->
                        r.profilingGroupName(GROUP)
                            .contentType("application/json")
                            .profileToken("tok-2")
                            .agentProfile(SdkBytes.fromUtf8String("{not a profile"))))
        .hasMessageContaining("agentProfile");

    JsonNode posts = get("posts").json().path("posts");
    assertThat(posts).hasSize(2);
    JsonNode first = posts.get(0);
    assertThat(first.path("group").asText()).isEqualTo(GROUP);
    assertThat(first.path("contentType").asText()).isEqualTo("application/json");
    assertThat(first.path("size").asInt()).isEqualTo(json(p).length);
    assertThat(first.path("stored").asBoolean()).isTrue();
    assertThat(first.path("decoded").asBoolean()).isTrue();
    assertThat(first.path("decodeFailure").isNull()).isTrue();
    assertThat(first.path("receivedAt").asText()).isEqualTo(clock.instant().toString());
    JsonNode second = posts.get(1);
    assertThat(second.path("token").asText()).isEqualTo("tok-2");
    assertThat(second.path("stored").asBoolean()).isFalse();
    assertThat(second.path("decodeFailure").asText()).isNotEmpty();

    long seq1 = first.path("sequence").asLong();
    long seq2 = second.path("sequence").asLong();
    assertThat(get("posts?afterSequence=" + seq1).json().path("posts")).hasSize(1);
    assertThat(get("posts?group=other").json().path("posts")).isEmpty();
    assertThat(get("posts/" + seq2).json().path("token").asText()).isEqualTo("tok-2");

    Answer raw = get("posts/" + seq1 + "/raw");
    assertThat(raw.status()).isEqualTo(200);
    assertThat(raw.raw().body()).isEqualTo(json(p));
    assertThat(raw.raw().headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(raw.raw().headers().firstValue("x-fakeguru-content-type"))
        .hasValue("application/json");

    Answer decoded = get("posts/" + seq1 + "/profile");
    assertThat(decoded.status()).isEqualTo(200);
    assertThat(ProfileCodec.defaults().decode(decoded.raw().body(), ProfileFormat.JSON))
        .isEqualTo(p);

    assertThat(get("posts/" + seq2 + "/profile").status()).isEqualTo(422);
    assertThat(get("posts/" + seq2 + "/raw").raw().body())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{not a profile");
    assertThat(get("posts/999/raw").status()).isEqualTo(404);
    Answer bad = get("posts/abc/raw");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.message()).contains("sequence must be an integer");
    assertThat(get("posts?afterSequence=x").message()).contains("afterSequence must be an integer");
    assertThat(get("posts?grup=x").message()).contains("'grup' is unknown");
  }

  @Test
  void calls_are_summarised_and_filtered() {
    client.configureAgent(r -> r.profilingGroupName(GROUP));
    post(GROUP, profileAt(0, 1, "main"));
    assertThatThrownBy(() -> client.describeProfilingGroup(r -> r.profilingGroupName("nope")));

    JsonNode calls = get("calls").json().path("calls");
    assertThat(calls)
        .extracting(c -> c.path("operation").asText())
        .containsExactly("ConfigureAgent", "PostAgentProfile", "DescribeProfilingGroup");
    JsonNode last = calls.get(2);
    assertThat(last.path("status").asInt()).isEqualTo(404);
    assertThat(last.path("errorType").asText()).isEqualTo("ResourceNotFoundException");
    assertThat(last.path("group").asText()).isEqualTo("nope");
    assertThat(last.path("method").asText()).isEqualTo("GET");
    assertThat(last.path("path").asText()).isEqualTo("/profilingGroups/nope");
    assertThat(last.path("faultInjected").asBoolean()).isFalse();

    assertThat(get("calls?operation=PostAgentProfile").json().path("calls")).hasSize(1);
    assertThat(get("calls?group=nope").json().path("calls")).hasSize(1);
    assertThat(
            get("calls?afterSequence=" + calls.get(1).path("sequence").asLong())
                .json()
                .path("calls"))
        .hasSize(1);
    Answer bad = get("calls?operation=Nope");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.message()).contains("unknown operation 'Nope'", "PostAgentProfile");
    // Admin calls are not recorded.
    assertThat(fake.recordedCalls()).hasSize(3);
  }

  @Test
  void aggregated_profile_of_any_range_as_json() {
    post(GROUP, profileAt(0, 10, "main", "a"));
    post(GROUP, profileAt(1, 5, "main", "b"));
    Instant from = T0.minusSeconds(600);
    Instant to = T0.plusSeconds(600);

    Answer a = get("aggregated-profile?group=" + GROUP + "&start=" + from + "&end=" + to);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.raw().headers().firstValue("content-type")).hasValue("application/json");
    assertThat(ProfileCodec.defaults().decode(a.raw().body(), ProfileFormat.JSON))
        .isEqualTo(fake.aggregatedProfile(GROUP, from, to).orElseThrow());

    Answer empty =
        get(
            "aggregated-profile?group="
                + GROUP
                + "&start=2020-01-01T00:00:00Z&end=2020-01-02T00:00:00Z");
    assertThat(empty.status()).isEqualTo(404);
    assertThat(empty.message()).contains("No aggregated data");
    assertThat(get("aggregated-profile?group=ghost&start=" + from + "&end=" + to).status())
        .isEqualTo(404);
    assertThat(get("aggregated-profile?start=" + from + "&end=" + to).message())
        .contains("'group' is required");
    assertThat(get("aggregated-profile?group=" + GROUP + "&start=yesterday&end=" + to).message())
        .contains("start must be an ISO-8601 instant");
    assertThat(get("aggregated-profile?group=" + GROUP + "&start=" + to + "&end=" + from).message())
        .contains("start must be before end");
  }

  // --- Faults -----------------------------------------------------------------------------------

  @Test
  void a_fault_injected_through_the_admin_api_is_seen_by_the_sdk_and_can_be_removed() {
    Answer injected =
        call(
            "POST",
            "faults",
            "{\"fault\": {\"type\": \"throttling\", \"message\": \"slow down\"},"
                + " \"operations\": [\"PostAgentProfile\"], \"profilingGroup\": \"my-app\", \"nextCalls\": 3}");
    assertThat(injected.status()).isEqualTo(201);
    long id = injected.json().path("id").asLong();
    assertThat(injected.json().path("description").asText())
        .contains("ThrottlingException", "PostAgentProfile");

    assertThatThrownBy(() -> post(GROUP, profileAt(0, 1, "main")))
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("slow down");
    client.configureAgent(r -> r.profilingGroupName(GROUP)); // not targeted

    JsonNode faults = get("faults").json().path("faults");
    assertThat(faults).hasSize(1);
    JsonNode f = faults.get(0);
    assertThat(f.path("id").asLong()).isEqualTo(id);
    assertThat(f.path("fault").path("type").asText()).isEqualTo("throttling");
    assertThat(f.path("fault").path("status").asInt()).isEqualTo(429);
    assertThat(f.path("operations"))
        .extracting(JsonNode::asText)
        .containsExactly("PostAgentProfile");
    assertThat(f.path("profilingGroup").asText()).isEqualTo(GROUP);
    assertThat(f.path("nextCalls").asInt()).isEqualTo(3);
    assertThat(f.path("timesApplied").asInt()).isEqualTo(1);
    assertThat(f.path("timing").asText()).isEqualTo("beforeEffect");

    assertThat(call("DELETE", "faults/" + id, null).status()).isEqualTo(204);
    assertThat(call("DELETE", "faults/" + id, null).status()).isEqualTo(404);
    post(GROUP, profileAt(0, 1, "main"));
    assertThat(get("faults").json().path("faults")).isEmpty();
  }

  @Test
  void transport_and_after_effect_faults_reach_the_sdk() {
    call(
        "POST",
        "faults",
        "{\"fault\": {\"type\": \"connectionReset\"}, \"operations\": [\"ConfigureAgent\"], \"nextCalls\": 1}");
    assertThatThrownBy(() -> client.configureAgent(r -> r.profilingGroupName(GROUP)))
        .isInstanceOf(SdkClientException.class);

    call(
        "POST",
        "faults",
        "{\"fault\": {\"type\": \"internalError\"}, \"operations\": [\"PostAgentProfile\"],"
            + " \"nextCalls\": 1, \"timing\": \"afterEffect\"}");
    assertThatThrownBy(() -> post(GROUP, profileAt(0, 1, "main")))
        .isInstanceOf(InternalServerException.class);
    assertThat(get("posts").json().path("posts").get(0).path("stored").asBoolean()).isTrue();

    Answer serviceError =
        call(
            "POST",
            "faults",
            "{\"fault\": {\"type\": \"serviceError\", \"status\": 503, \"errorType\": \"ServiceUnavailableException\","
                + " \"message\": \"down\", \"delayMillis\": 10}, \"everyNthCall\": 2, \"afterSuccesses\": 1,"
                + " \"probability\": 0.5, \"seed\": 7}");
    assertThat(serviceError.status()).isEqualTo(201);
    JsonNode f = get("faults").json().path("faults").get(0);
    assertThat(f.path("fault").path("type").asText()).isEqualTo("serviceError");
    assertThat(f.path("fault").path("delayMillis").asLong()).isEqualTo(10);
    assertThat(f.path("everyNthCall").asInt()).isEqualTo(2);
    assertThat(f.path("afterSuccesses").asInt()).isEqualTo(1);
    assertThat(f.path("seed").asLong()).isEqualTo(7);
    assertThat(f.path("nextCalls").isNull()).isTrue();

    assertThat(call("DELETE", "faults", null).status()).isEqualTo(204);
    assertThat(fake.activeFaults()).isEmpty();
  }

  @Test
  void faults_injected_through_the_java_api_are_listed_with_an_id() {
    fake.injectFault(
        FaultRule.of(ProfilerFault.randomDelay(Duration.ofMillis(1), Duration.ofMillis(5)))
            .onOperation(Operation.GET_PROFILE));
    JsonNode f = get("faults").json().path("faults").get(0);
    assertThat(f.path("fault").path("type").asText()).isEqualTo("randomDelay");
    assertThat(f.path("fault").path("maxDelayMillis").asLong()).isEqualTo(5);
    assertThat(call("DELETE", "faults/" + f.path("id").asLong(), null).status()).isEqualTo(204);
    assertThat(fake.activeFaults()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                                              | fault is required",
        "{\"fault\": \"throttling\"}                                     | fault must be a JSON object",
        "{\"fault\": {}}                                                 | fault.type is required",
        "{\"fault\": {\"type\": \"boom\"}}                               | fault.type \"boom\" is unknown",
        "{\"fault\": {\"type\": \"throttling\", \"stauts\": 1}}          | fault.stauts is not a known field",
        "{\"fault\": {\"type\": \"serviceError\", \"errorType\": \"X\"}} | fault.status is required",
        "{\"fault\": {\"type\": \"serviceError\", \"status\": 200, \"errorType\": \"X\"}} | fault.status must be from 400 to 599",
        "{\"fault\": {\"type\": \"delay\"}}                              | fault.delayMillis is required",
        "{\"fault\": {\"type\": \"delay\", \"delayMillis\": -1}}         | fault.delayMillis must be >= 0",
        "{\"fault\": {\"type\": \"randomDelay\", \"minDelayMillis\": 5, \"maxDelayMillis\": 1}} | is below fault.minDelayMillis",
        "{\"fault\": {\"type\": \"connectionReset\", \"message\": \"x\"}} | fault.message only applies to service errors",
        "{\"fault\": {\"type\": \"throttling\"}, \"operations\": \"PostAgentProfile\"} | operations must be an array",
        "{\"fault\": {\"type\": \"throttling\"}, \"operations\": [\"Post\"]} | unknown operation 'Post'",
        "{\"fault\": {\"type\": \"throttling\"}, \"nextCalls\": 0}       | nextCalls must be at least 1",
        "{\"fault\": {\"type\": \"throttling\"}, \"nextCalls\": 1.5}     | nextCalls must be an integer",
        "{\"fault\": {\"type\": \"throttling\"}, \"everyNthCall\": 0}    | everyNthCall must be at least 1",
        "{\"fault\": {\"type\": \"throttling\"}, \"afterSuccesses\": -1} | afterSuccesses must be at least 0",
        "{\"fault\": {\"type\": \"throttling\"}, \"probability\": 2}     | probability must be a number from 0 to 1",
        "{\"fault\": {\"type\": \"throttling\"}, \"seed\": 2}            | seed only applies together with probability",
        "{\"fault\": {\"type\": \"throttling\"}, \"timing\": \"later\"}  | timing must be",
        "{\"fault\": {\"type\": \"throttling\"}, \"operation\": []}      | operation is not a known field",
        "{\"fault\": {\"type\": \"serviceError\", \"status\": 499, \"errorType\": \"\"}} | fault.errorType: an error type is a name",
        "{\"fault\": {\"type\": \"serviceError\", \"status\": 503, \"errorType\": \"Bad Type\"}} | fault.errorType: an error type is a name",
        "{\"fault\": {\"type\": \"throttling\", \"type\": \"delay\"}}        | Duplicate field 'type'",
        "{\"fault\": {\"type\": \"throttling\"}, \"nextCalls\": 1, \"nextCalls\": 5} | Duplicate field 'nextCalls'",
      })
  void bad_fault_requests_get_a_400_naming_the_field(String body, String message) {
    Answer a = call("POST", "faults", body);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.message()).contains(message);
    assertThat(fake.activeFaults()).isEmpty();
  }

  @Test
  void removing_a_fault_with_a_bad_id_is_a_400_or_404() {
    assertThat(call("DELETE", "faults/abc", null).status()).isEqualTo(400);
    assertThat(call("DELETE", "faults/12345", null).status()).isEqualTo(404);
  }

  // --- Scripts ----------------------------------------------------------------------------------

  @Test
  void scripted_get_profile_and_configure_agent_answers_are_served_to_the_sdk() throws IOException {
    Profile scripted = profileAt(3, 42, "main", "scripted");
    String profileJson = new String(json(scripted), StandardCharsets.UTF_8);
    assertThat(
            call(
                    "POST",
                    "scripts/get-profile",
                    "{\"group\": \"my-app\", \"profile\": "
                        + profileJson
                        + ", \"format\": \"json\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            call(
                    "POST",
                    "scripts/configure-agent",
                    "{\"shouldProfile\": false, \"periodInSeconds\": 5, \"agentParameters\": {\"MaxStackDepth\": \"7\"}}")
                .status())
        .isEqualTo(201);
    assertThat(
            call(
                    "POST",
                    "scripts/get-profile",
                    "{\"bodyBase64\": \""
                        + Base64.getEncoder()
                            .encodeToString("hello".getBytes(StandardCharsets.UTF_8))
                        + "\", \"contentType\": \"application/json\", \"gzip\": false}")
                .status())
        .isEqualTo(201);
    assertThat(get("scripts").json().path("unconsumed")).hasSize(3);

    GetProfileResponse gp =
        client.getProfile(
            r -> r.profilingGroupName(GROUP).accept("application/json").period("PT5M"));
    assertThat(ProfileCodec.defaults().decode(gp.profile().asByteArray(), ProfileFormat.JSON))
        .isEqualTo(scripted);
    ConfigureAgentResponse ca = client.configureAgent(r -> r.profilingGroupName(GROUP));
    assertThat(ca.configuration().shouldProfile()).isFalse();
    assertThat(ca.configuration().periodInSeconds()).isEqualTo(5);
    assertThat(ca.configuration().agentParametersAsStrings()).containsEntry("MaxStackDepth", "7");
    GetProfileResponse bytes =
        client.getProfile(
            r -> r.profilingGroupName("any-group").accept("application/json").period("PT5M"));
    assertThat(bytes.profile().asUtf8String()).isEqualTo("hello");

    assertThat(get("scripts").json().path("unconsumed")).isEmpty();
    assertThat(call("DELETE", "scripts", null).status()).isEqualTo(405);
  }

  @Test
  void range_answers_and_the_fallback_are_not_consumed() {
    Profile ranged = profileAt(0, 5, "main", "ranged");
    Profile fallback = profileAt(0, 9, "main", "fallback");
    Instant start = T0;
    Instant end = T0.plusSeconds(3600);
    assertThat(
            call(
                    "POST",
                    "scripts/get-profile",
                    "{\"group\": \"my-app\", \"start\": \""
                        + start
                        + "\", \"end\": \""
                        + end
                        + "\", \"profile\": "
                        + new String(json(ranged), StandardCharsets.UTF_8)
                        + ", \"format\": \"json\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            call(
                    "POST",
                    "scripts/get-profile",
                    "{\"fallback\": true, \"profile\": "
                        + new String(json(fallback), StandardCharsets.UTF_8)
                        + ", \"format\": \"json\"}")
                .status())
        .isEqualTo(201);
    assertThat(get("scripts").json().path("unconsumed")).isEmpty();

    for (int i = 0; i < 2; i++) {
      GetProfileResponse r =
          client.getProfile(
              q ->
                  q.profilingGroupName(GROUP)
                      .accept("application/json")
                      .startTime(start)
                      .endTime(end));
      assertThat(ProfileCodec.defaults().decode(r.profile().asByteArray(), ProfileFormat.JSON))
          .isEqualTo(ranged);
    }
    GetProfileResponse other =
        client.getProfile(
            q ->
                q.profilingGroupName(GROUP)
                    .accept("application/json")
                    .startTime(start)
                    .endTime(end.plusSeconds(60)));
    assertThat(ProfileCodec.defaults().decode(other.profile().asByteArray(), ProfileFormat.JSON))
        .isEqualTo(fallback);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"start\": \"2024-01-01T00:00:00Z\"} | start and end go together",
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"start\": \"2024-01-02T00:00:00Z\", \"end\": \"2024-01-01T00:00:00Z\"} | start must be before end",
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"start\": \"x\", \"end\": \"y\"} | start must be an ISO-8601 instant",
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"fallback\": true, \"group\": \"g\"} | fallback applies to every group",
        "get-profile     | {}                                                        | exactly one of profile",
        "get-profile     | {\"profile\": {}, \"bodyBase64\": \"AA==\"}               | exactly one of profile",
        "get-profile     | {\"profile\": [1]}                                        | profile must be an agent-format JSON object",
        "get-profile     | {\"profile\": {\"start\": \"x\"}}                         | profile is not a valid agent-format profile",
        "get-profile     | {\"bodyBase64\": \"AA==\"}                                | contentType is required",
        "get-profile     | {\"bodyBase64\": \"**\", \"contentType\": \"a/b\"}        | bodyBase64 is not valid base64",
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"format\": \"json\"} | format only applies with profile",
        "get-profile     | {\"bodyBase64\": \"AA==\", \"contentType\": \"a/b\", \"gzip\": \"yes\"} | gzip must be true or false",
        "configure-agent | {\"periodInSeconds\": 0}                                  | periodInSeconds must be at least 1",
        "configure-agent | {\"shouldProfile\": \"no\"}                               | shouldProfile must be true or false",
        "configure-agent | {\"agentParameters\": {\"X\": {}}}                        | agentParameters.X must be a string",
        "configure-agent | {\"period\": 5}                                           | period is not a known field",
      })
  void bad_script_requests_get_a_400(String what, String body, String message) {
    Answer a = call("POST", "scripts/" + what, body);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.message()).contains(message);
    assertThat(fake.unconsumedScripts()).isEmpty();
  }

  // --- Clock and reset --------------------------------------------------------------------------

  @Test
  void the_clock_can_be_read_set_and_advanced() {
    JsonNode now = get("clock").json();
    assertThat(now.path("now").asText()).isEqualTo(clock.instant().toString());
    assertThat(now.path("settable").asBoolean()).isTrue();

    assertThat(
            call("PUT", "clock", "{\"now\": \"2025-05-05T05:05:05Z\"}").json().path("now").asText())
        .isEqualTo("2025-05-05T05:05:05Z");
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-05-05T05:05:05Z"));
    assertThat(call("POST", "clock/advance", "{\"by\": \"P16D\"}").json().path("now").asText())
        .isEqualTo("2025-05-21T05:05:05Z");

    assertThat(call("PUT", "clock", "{\"now\": \"tomorrow\"}").message())
        .contains("now must be an ISO-8601 instant");
    assertThat(call("POST", "clock/advance", "{\"by\": \"16 days\"}").message())
        .contains("by must be an ISO-8601 duration");
    assertThat(call("POST", "clock/advance", "{}").message()).contains("by is required");
    assertThat(call("POST", "clock", "{}").status()).isEqualTo(405);
    // Found by fuzzing: a duration that overflows when added to now was a 500.
    Answer overflow = call("POST", "clock/advance", "{\"by\": \"PT2562047788015215H30M7S\"}");
    assertThat(overflow.status()).isEqualTo(400);
    assertThat(overflow.message()).contains("would put the clock outside years 0001 to 9999");
    assertThat(call("PUT", "clock", "{\"now\": \"+10000-01-01T00:00:00Z\"}").message())
        .contains("outside years 0001 to 9999");
    assertThat(clock.instant())
        .as("unchanged by the refused calls")
        .isEqualTo(Instant.parse("2025-05-21T05:05:05Z"));
  }

  @Test
  void the_clock_advances_by_every_fixed_length_iso_duration_form() {
    call("PUT", "clock", "{\"now\": \"2024-01-01T00:00:00Z\"}");
    for (String by : List.of("P16D", "PT384H", "P2W2D", "P15DT24H", "PT23040M")) {
      Instant before = clock.instant();
      Answer a = call("POST", "clock/advance", "{\"by\": \"" + by + "\"}");
      assertThat(a.status()).as(by).isEqualTo(200);
      assertThat(Duration.between(before, clock.instant())).as(by).isEqualTo(Duration.ofDays(16));
    }
    assertThat(call("POST", "clock/advance", "{\"by\": \"-P1W\"}").json().path("now").asText())
        .isEqualTo("2024-03-14T00:00:00Z");

    Instant unchanged = clock.instant();
    // The old Javadoc example: not ISO-8601 (days come before the T), and the message shows how.
    assertThat(call("POST", "clock/advance", "{\"by\": \"PT16D\"}").message())
        .isEqualTo(
            "by must be an ISO-8601 duration such as \"P16D\", \"PT384H\", \"P2W\" or \"PT5M\""
                + " (days and weeks before the T, hours, minutes and seconds after it), but was"
                + " \"PT16D\".");
    assertThat(call("POST", "clock/advance", "{\"by\": \"P1M\"}").message())
        .isEqualTo(
            "by \"P1M\" counts months or years, which have no fixed length; give days, such as"
                + " \"P30D\".");
    assertThat(call("POST", "clock/advance", "{\"by\": \"P1Y\"}").status()).isEqualTo(400);
    assertThat(clock.instant()).as("unchanged by the refused calls").isEqualTo(unchanged);
  }

  @Test
  void a_fixed_clock_cannot_be_moved_and_says_so() {
    try (FakeCodeGuruProfiler fixed =
        FakeCodeGuruProfiler.builder()
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .adminApi(true)
            .start()) {
      assertThat(call(fixed, "GET", "clock", null).json().path("settable").asBoolean()).isFalse();
      Answer a = call(fixed, "POST", "clock/advance", "{\"by\": \"PT1H\"}");
      assertThat(a.status()).isEqualTo(409);
      assertThat(a.message()).contains("not a SettableClock");
      assertThat(call(fixed, "PUT", "clock", "{\"now\": \"2025-01-01T00:00:00Z\"}").status())
          .isEqualTo(409);
    }
  }

  @Test
  void reset_forgets_everything_but_the_declared_groups() {
    call("POST", "profiling-groups", "{\"name\": \"svc\"}");
    post(GROUP, profileAt(0, 1, "main"));
    call("POST", "faults", "{\"fault\": {\"type\": \"throttling\"}}");
    clock.advance(Duration.ofHours(1));

    assertThat(call("POST", "reset", null).status()).isEqualTo(204);

    assertThat(fake.profilingGroupNames()).containsExactly(GROUP);
    assertThat(get("posts").json().path("posts")).isEmpty();
    assertThat(get("faults").json().path("faults")).isEmpty();
    assertThat(clock.instant()).isEqualTo(clock.initialInstant());
    JsonNode status = get("status").json();
    assertThat(status.path("region").asText()).isEqualTo("us-east-1");
    assertThat(status.path("calls").asInt()).isZero();
    assertThat(status.path("dataDirectoryProblems")).isEmpty();
  }

  // --- Protocol ---------------------------------------------------------------------------------

  @Test
  void unknown_paths_are_404_and_wrong_methods_405() {
    Answer unknown = get("nothing-here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message())
        .contains("No admin operation matches GET /__fakeguru/nothing-here");
    assertThat(get("").status()).isEqualTo(404);
    Answer wrong = call("PATCH", "profiling-groups", "{}");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.raw().headers().firstValue("allow")).hasValue("GET, POST");
    assertThat(call("GET", "reset", null).status()).isEqualTo(405);
    assertThat(call("POST", "faults", null).message()).contains("needs a JSON object body");
  }

  @Test
  void a_body_over_the_size_limit_is_a_413() {
    try (FakeCodeGuruProfiler small =
        FakeCodeGuruProfiler.builder()
            .adminApi(true)
            .codecLimits(
                dev.fakeguru.profile.CodecLimits.builder().maxCompressedBytes(1024).build())
            .start()) {
      Answer r =
          call(
              small,
              "POST",
              "faults",
              "{\"fault\": {\"type\": \"throttling\"}, \"pad\": \"" + "x".repeat(2000) + "\"}");
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.message()).contains("larger than 1024 bytes");
      assertThat(small.activeFaults()).isEmpty();
    }
  }

  @Test
  void requests_from_web_pages_are_refused() {
    Answer foreign = call(fake, "POST", "reset", null, "Origin", "http://evil.example");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.message()).contains("from web pages");
    assertThat(call(fake, "GET", "status", null, "Origin", "null").status()).isEqualTo(403);
    assertThat(call(fake, "GET", "status", null).status()).isEqualTo(200);
  }

  @Test
  void a_token_protects_the_admin_api_but_not_the_service_api() {
    try (FakeCodeGuruProfiler guarded =
            FakeCodeGuruProfiler.builder()
                .profilingGroup(GROUP)
                .adminApi(true)
                .adminToken("s3cret")
                .start();
        CodeGuruProfilerClient c = sdk(guarded)) {
      Answer none = call(guarded, "GET", "profiling-groups", null);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.message()).contains("Authorization: Bearer");
      assertThat(none.raw().headers().firstValue("www-authenticate")).isPresent();
      assertThat(
              call(guarded, "GET", "profiling-groups", null, "Authorization", "Bearer wrong")
                  .status())
          .isEqualTo(401);
      assertThat(call(guarded, "POST", "reset", null, "Authorization", "s3cret").status())
          .isEqualTo(401);
      assertThat(
              call(guarded, "GET", "profiling-groups", null, "Authorization", "Bearer s3cret")
                  .status())
          .isEqualTo(200);
      assertThat(c.listProfilingGroups(r -> {}).profilingGroupNames()).containsExactly(GROUP);
    }
  }

  @Test
  void without_admin_api_the_paths_are_unknown_operations() {
    try (FakeCodeGuruProfiler plain = FakeCodeGuruProfiler.builder().start()) {
      Answer a = call(plain, "GET", "profiling-groups", null);
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.json().path("__type").asText()).isEqualTo("UnknownOperationException");
    }
  }

  @Test
  void raw_bytes_are_a_download_that_no_browser_renders() {
    byte[] page = "<html><script>alert(document.domain)</script></html>".getBytes(UTF_8);
    HttpResponse<byte[]> posted =
        rawApi(
            "POST",
            "/profilingGroups/" + GROUP + "/agentProfile",
            page,
            "Content-Type",
            "text/html",
            "Content-Encoding",
            "identity");
    assertThat(posted.statusCode()).isEqualTo(400);
    long sequence = fake.profilePosts().get(0).sequence();

    HttpResponse<byte[]> raw = get("posts/" + sequence + "/raw").raw();

    assertThat(raw.body()).isEqualTo(page);
    assertThat(raw.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(raw.headers().firstValue("content-disposition"))
        .hasValue("attachment; filename=\"post-" + sequence + ".bin\"");
    assertThat(raw.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(raw.headers().firstValue("x-fakeguru-content-type")).hasValue("text/html");
    assertThat(raw.headers().firstValue("x-fakeguru-content-encoding")).hasValue("identity");
  }

  @Test
  void status_posts_and_calls_report_evictions_as_the_java_api_does() {
    try (FakeCodeGuruProfiler small =
            FakeCodeGuruProfiler.builder()
                .clock(clock)
                .profilingGroup(GROUP)
                .adminApi(true)
                .maxRecordedCalls(4)
                .maxRecordedProfilePosts(3)
                .start();
        CodeGuruProfilerClient c = sdk(small)) {
      for (int i = 0; i < 5; i++) {
        int minute = i;
        c.postAgentProfile(
            r ->
                r.profilingGroupName(GROUP)
                    .contentType("application/json")
                    .agentProfile(SdkBytes.fromByteArray(json(profileAt(minute, 1, "main")))));
      }

      JsonNode status = call(small, "GET", "status", null).json();
      assertThat(status.path("calls").asLong()).isEqualTo(4);
      assertThat(status.path("evictedCalls").asLong()).isEqualTo(small.evictedCalls()).isEqualTo(1);
      assertThat(status.path("posts").asLong()).isEqualTo(3);
      assertThat(status.path("evictedPosts").asLong())
          .isEqualTo(small.evictedProfilePosts())
          .isEqualTo(2);
      assertThat(call(small, "GET", "posts", null).json().path("evictedPosts").asLong())
          .isEqualTo(2);
      assertThat(call(small, "GET", "calls", null).json().path("evictedCalls").asLong())
          .isEqualTo(1);
    }
  }

  static HttpResponse<byte[]> rawApi(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(fake.endpoint() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> texts(JsonNode arr) {
    return java.util.stream.StreamSupport.stream(arr.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
