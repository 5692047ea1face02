package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the requests genuine clients sent (boto3, the JS SDK v3, the Java SDK v2 and the real
 * Python agent, recorded on loopback; see fixtures/wire/README.md) byte for byte, and checks that
 * the fake routes each to the operation the recorder saw, accepts it with the modelled status, and
 * answers what the operation promises: the recorded content type, a body exactly when one was
 * recorded, and per operation the group created, a usable agent configuration, the post stored with
 * the bytes sent, a profile read back by ion-java or Jackson on their own (not by FakeGuru's codec)
 * holding only posted samples, and profile times in order inside the range. This pins every
 * client's own formats: query timestamp styles, parameter order, bodies, headers.
 */
class RecordedTrafficReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"boto3", "js", "java", "pyagent"})
  void every_recorded_successful_request_is_routed_and_accepted(String client) throws Exception {
    // The recorder's error scenarios used groups named fail-*; only the modelled successes replay.
    List<JsonNode> requests =
        RecordedTraffic.read(client).stream()
            .filter(r -> !r.path("profiling_group").asText("").startsWith("fail"))
            .filter(r -> r.get("response_status").asInt() < 300)
            .toList();
    assertThat(requests).isNotEmpty();
    Instant recordedAt = Instant.ofEpochMilli(requests.get(0).get("t_epoch_ms").asLong());
    try (FakeCodeGuruProfiler fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(recordedAt))
            .profilingGroup("harness-py-agent")
            .emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE)
            .start()) {
      for (JsonNode r : requests) {
        String body = RecordedTraffic.body(r);
        HttpResponse<byte[]> resp = RecordedTraffic.send(fake.endpoint(), r);

        String what =
            client
                + " #"
                + r.get("seq").asInt()
                + " "
                + r.get("method").asText()
                + " "
                + r.get("raw_path").asText();
        assertThat(resp.statusCode())
            .as(what + " -> " + new String(resp.body(), StandardCharsets.UTF_8))
            .isEqualTo(r.get("response_status").asInt());
        RecordedCall call = fake.recordedCalls().get(fake.recordedCalls().size() - 1);
        assertThat(call.operation().apiName()).as(what).isEqualTo(r.get("operation").asText());
        checkAnswer(fake, r, body, resp, what);
      }
      assertThat(fake.unexpectedCalls()).isEmpty();
      assertThat(postedTotals(fake)).isNotEmpty();
      assertThat(fake.profilePosts())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.profile()).isPresent());
    }
  }

  /** The answer keeps the recorded shape and its operation's promise. */
  private static void checkAnswer(
      FakeCodeGuruProfiler fake,
      JsonNode r,
      String requestBody,
      HttpResponse<byte[]> resp,
      String what)
      throws Exception {
    String expectedType = r.path("response_headers").path("Content-Type").asText(null);
    if (r.get("operation").asText().equals("GetProfile")) {
      // The recorder's choice is no guide here: the answer follows Accept, Ion by default.
      String accept = "";
      for (JsonNode h : r.get("headers")) {
        if (h.get(0).asText().equalsIgnoreCase("accept")) {
          accept = h.get(1).asText();
        }
      }
      expectedType =
          accept.contains("application/json") ? "application/json" : "application/x-amzn-ion";
    }
    String contentType = resp.headers().firstValue("Content-Type").orElse(null);
    assertThat(contentType).as("Content-Type of " + what).isEqualTo(expectedType);
    assertThat(resp.body().length > 0)
        .as("a body in the answer to " + what)
        .isEqualTo(r.get("response_body_len").asInt() > 0);
    switch (r.get("operation").asText()) {
      case "CreateProfilingGroup" -> {
        String name = JSON.readTree(requestBody).path("profilingGroupName").asText();
        assertThat(JSON.readTree(resp.body()).path("name").asText()).as(what).isEqualTo(name);
        assertThat(fake.profilingGroupNames()).as(what).contains(name);
      }
      case "ConfigureAgent" -> {
        JsonNode configuration = JSON.readTree(resp.body());
        assertThat(configuration.path("periodInSeconds").asInt()).as(what).isPositive();
        assertThat(configuration.path("shouldProfile").isBoolean()).as(what).isTrue();
      }
      case "PostAgentProfile" -> {
        RecordedProfilePost post = fake.profilePosts().get(fake.profilePosts().size() - 1);
        assertThat(post.stored()).as(what).isTrue();
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).as(what).isEqualTo(requestBody);
      }
      case "GetProfile" -> {
        Map<String, Long> totals =
            contentType.equals("application/x-amzn-ion")
                ? IndependentProfileReader.ionTotals(resp.body())
                : IndependentProfileReader.jsonTotals(resp.body());
        Map<String, Long> posted = postedTotals(fake);
        totals.forEach(
            (type, total) ->
                assertThat(total)
                    .as(type + " in " + what)
                    .isBetween(0L, posted.getOrDefault(type, 0L)));
      }
      case "ListProfileTimes" -> {
        List<Instant> times = new ArrayList<>();
        JSON.readTree(resp.body())
            .path("profileTimes")
            .forEach(t -> times.add(Instant.parse(t.path("start").asText())));
        Map<String, String> query = new TreeMap<>();
        r.path("query_params").forEach(q -> query.put(q.get(0).asText(), q.get(1).asText()));
        assertThat(times)
            .as(what)
            .isSortedAccordingTo(
                query.getOrDefault("orderBy", "TimestampDescending").equals("TimestampAscending")
                    ? Comparator.<Instant>naturalOrder()
                    : Comparator.<Instant>reverseOrder())
            .allSatisfy(
                t ->
                    assertThat(t)
                        .isAfterOrEqualTo(Instant.parse(query.get("startTime")))
                        .isBefore(Instant.parse(query.get("endTime"))));
      }
      default -> {}
    }
  }

  /** The samples of every post stored so far, per counter type. */
  private static Map<String, Long> postedTotals(FakeCodeGuruProfiler fake) {
    Map<String, Long> totals = new TreeMap<>();
    fake.storedProfiles()
        .forEach(
            p -> p.requireProfile().totalCounts().forEach((k, v) -> totals.merge(k, v, Long::sum)));
    return totals;
  }
}
