package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.server.RawHttp.Ending;
import dev.fakeguru.server.RawHttp.Response;
import dev.fakeguru.server.RawHttp.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each transport fault, byte for byte as the client receives it on the wire, so that two faults
 * swapped in the transport fail here (the SDK sees most of them only as some client exception).
 */
class TransportFaultWireTest extends FakeServerTestBase {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final String DESCRIBE = "/profilingGroups/" + GROUP;

  private static Transcript describeWith(ProfilerFault fault) throws IOException {
    fake.injectFault(fault, Operation.DESCRIBE_PROFILING_GROUP, 1);
    return RawHttp.exchange(fake.port(), READ_TIMEOUT, "GET", DESCRIBE, Map.of());
  }

  private static Response normalDescribe() throws IOException {
    return RawHttp.send(fake.port(), READ_TIMEOUT, "GET", DESCRIBE, Map.of(), new byte[0]);
  }

  @Test
  void connection_reset_sends_no_byte_and_resets_the_connection() throws IOException {
    Transcript wire = describeWith(ProfilerFault.connectionReset());

    assertThat(wire.bytes()).isEmpty();
    assertThat(wire.ending()).isEqualTo(Ending.RESET);
  }

  @Test
  void empty_response_closes_the_connection_cleanly_without_a_byte() throws IOException {
    Transcript wire = describeWith(ProfilerFault.emptyResponse());

    assertThat(wire.bytes()).isEmpty();
    assertThat(wire.ending()).isEqualTo(Ending.CLOSED);
  }

  @Test
  void random_data_then_close_sends_bytes_that_are_not_http_then_closes() throws IOException {
    Transcript wire = describeWith(ProfilerFault.randomDataThenClose());

    assertThat(wire.bytes()).isNotEmpty();
    assertThat(wire.text()).doesNotStartWith("HTTP/");
  }

  @Test
  void malformed_body_is_a_complete_200_whose_body_is_neither_json_nor_the_answer()
      throws IOException {
    Transcript wire = describeWith(ProfilerFault.malformedBody());

    assertThat(wire.ending()).isEqualTo(Ending.CLOSED);
    Response r = wire.response();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(isJson(r.body())).as("body %s is JSON", r.bodyText()).isFalse();
  }

  @Test
  void truncated_body_announces_the_full_length_and_sends_its_first_half() throws IOException {
    byte[] full = normalDescribe().body();

    Transcript wire = describeWith(ProfilerFault.truncatedBody());

    String text = wire.text();
    int bodyStart = text.indexOf("\r\n\r\n") + 4;
    Response head = wire.response();
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).isEqualTo(String.valueOf(full.length));
    assertThat(Arrays.copyOfRange(wire.bytes(), bodyStart, wire.bytes().length))
        .isEqualTo(Arrays.copyOf(full, full.length / 2));
  }

  @Test
  void after_a_transport_fault_the_next_call_is_answered_normally() throws IOException {
    describeWith(ProfilerFault.connectionReset());

    Response r = normalDescribe();

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("\"name\":\"" + GROUP + "\"");
    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP))
        .extracting(c -> c.faultInjected())
        .containsExactly(true, false);
  }

  @Test
  void random_delay_holds_the_normal_answer_back_for_at_least_its_minimum() throws IOException {
    fake.injectFault(
        ProfilerFault.randomDelay(Duration.ofMillis(400), Duration.ofMillis(600)),
        Operation.DESCRIBE_PROFILING_GROUP,
        1);

    long started = System.nanoTime();
    Response r = normalDescribe();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("\"name\":\"" + GROUP + "\"");
  }

  private static boolean isJson(byte[] body) {
    try {
      new ObjectMapper().readTree(new String(body, StandardCharsets.UTF_8));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
