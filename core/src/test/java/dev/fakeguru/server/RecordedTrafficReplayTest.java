package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the requests genuine clients sent (boto3, the JS SDK v3, the Java SDK v2 and the real
 * Python agent, recorded on loopback; see fixtures/wire/README.md) byte for byte, and checks that
 * the fake routes each to the operation the recorder saw and accepts it with the modelled status.
 * This pins every client's own formats: query timestamp styles, parameter order, bodies, headers.
 */
class RecordedTrafficReplayTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"boto3", "js", "java", "pyagent"})
  void every_recorded_successful_request_is_routed_and_accepted(String client) {
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
        HttpResponse<String> resp = RecordedTraffic.send(fake.endpoint(), r);

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
