package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the requests genuine clients sent (boto3, the JS SDK v3, the Java SDK v2 and the real
 * Python agent, recorded on loopback; see fixtures/wire/README.md) byte for byte, and checks that
 * the fake routes each to the operation the recorder saw and accepts it with the modelled status.
 * This pins every client's own formats: query timestamp styles, parameter order, bodies, headers.
 */
class RecordedTrafficReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Headers the HTTP client sets itself (or refuses to set). */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"boto3", "js", "java", "pyagent"})
  void every_recorded_successful_request_is_routed_and_accepted(String client) throws Exception {
    List<JsonNode> requests = new ArrayList<>();
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/fixtures/wire/" + client + "-requests.jsonl"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode r = JSON.readTree(line);
        String group = r.path("profiling_group").asText("");
        // The recorder's error scenarios used groups named fail-*; only the modelled successes
        // replay here.
        if (!group.startsWith("fail") && r.get("response_status").asInt() < 300) {
          requests.add(r);
        }
      }
    }
    assertThat(requests).isNotEmpty();
    Instant recordedAt = Instant.ofEpochMilli(requests.get(0).get("t_epoch_ms").asLong());
    HttpClient http = TestClients.HTTP;
    try (FakeCodeGuruProfiler fake =
        FakeCodeGuruProfiler.builder()
            .clock(SettableClock.at(recordedAt))
            .profilingGroup("harness-py-agent")
            .emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE)
            .start()) {
      for (JsonNode r : requests) {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(fake.endpoint() + r.get("raw_path").asText()))
                .timeout(TestClients.REQUEST_TIMEOUT);
        for (JsonNode h : r.get("headers")) {
          if (!RESTRICTED.contains(h.get(0).asText().toLowerCase())) {
            b.header(h.get(0).asText(), h.get(1).asText());
          }
        }
        String body = r.path("body_utf8").isTextual() ? r.get("body_utf8").asText() : "";
        b.method(
            r.get("method").asText(),
            body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());

        String what =
            client
                + " #"
                + r.get("seq").asInt()
                + " "
                + r.get("method").asText()
                + " "
                + r.get("raw_path").asText();
        assertThat(resp.statusCode())
            .as(what + " -> " + resp.body())
            .isEqualTo(r.get("response_status").asInt());
        RecordedCall call = fake.recordedCalls().get(fake.recordedCalls().size() - 1);
        assertThat(call.operation().apiName()).as(what).isEqualTo(r.get("operation").asText());
      }
      assertThat(fake.unexpectedCalls()).isEmpty();
      assertThat(fake.profilePosts())
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.profile()).isPresent());
    }
  }
}
