package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact bytes every transport fault puts on the wire, read from a raw socket: what the SDKs'
 * retry logic and the compatibility matrix were built against. A change of transport must keep
 * them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportFaultBytesTest {
  static final Duration READ = Duration.ofSeconds(10);
  static final String GARBAGE = "lskdu018973t09sylgasjkfg1][]'./.sdlv";
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake = FakeCodeGuruProfiler.builder().profilingGroup("g").start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  private static byte[] describe(boolean close) {
    return ("GET /profilingGroups/g HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (close ? "Connection: close\r\n" : "")
            + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static RawHttp.Transcript describeWith(ProfilerFault fault, boolean close)
      throws IOException {
    fake.injectFault(fault, Operation.DESCRIBE_PROFILING_GROUP, 1);
    return RawHttp.exchange(fake.port(), READ, describe(close));
  }

  /** The describe answer without a fault, as bytes. */
  private static byte[] normalBody() throws IOException {
    RawHttp.Transcript t = RawHttp.exchange(fake.port(), READ, describe(true));
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
    return t.response().body();
  }

  /** Status line and the headers that carry meaning (not the request id, not the framing). */
  private static Map<String, String> head(RawHttp.Transcript t) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("status-line", t.text().substring(0, t.text().indexOf("\r\n")));
    t.response().headers().forEach(h::put);
    assertThat(h.remove("x-amzn-requestid")).as("request id").matches("[0-9a-f-]{36}");
    h.remove("content-length");
    h.remove("transfer-encoding");
    h.remove("connection");
    return h;
  }

  @ParameterizedTest(name = "Connection: close = {0}")
  @ValueSource(booleans = {true, false})
  void a_connection_reset_sends_nothing_and_resets(boolean close) throws IOException {
    RawHttp.Transcript t = describeWith(ProfilerFault.connectionReset(), close);

    assertThat(t.bytes()).isEmpty();
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.RESET);
  }

  @ParameterizedTest(name = "Connection: close = {0}")
  @ValueSource(booleans = {true, false})
  void an_empty_response_sends_nothing_and_closes(boolean close) throws IOException {
    RawHttp.Transcript t = describeWith(ProfilerFault.emptyResponse(), close);

    assertThat(t.bytes()).isEmpty();
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
  }

  @ParameterizedTest(name = "Connection: close = {0}")
  @ValueSource(booleans = {true, false})
  void random_data_is_the_same_garbage_then_a_close(boolean close) throws IOException {
    RawHttp.Transcript t = describeWith(ProfilerFault.randomDataThenClose(), close);

    assertThat(t.text()).isEqualTo(GARBAGE);
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
  }

  @Test
  void a_malformed_body_is_a_200_labelled_json_that_is_not() throws IOException {
    RawHttp.Transcript t = describeWith(ProfilerFault.malformedBody(), true);

    assertThat(head(t))
        .containsExactly(
            Map.entry("status-line", "HTTP/1.1 200 OK"),
            Map.entry("content-type", "application/json"));
    assertThat(t.response().bodyText()).isEqualTo("{\"malformed\": [1, 2,\u0000 <html>");
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
  }

  @ParameterizedTest(name = "Connection: close = {0}")
  @ValueSource(booleans = {true, false})
  void a_truncated_body_announces_the_full_length_sends_half_and_closes(boolean close)
      throws IOException {
    byte[] full = normalBody();

    RawHttp.Transcript t = describeWith(ProfilerFault.truncatedBody(), close);

    String text = t.text();
    int bodyStart = text.indexOf("\r\n\r\n") + 4;
    assertThat(text.substring(0, bodyStart))
        .startsWith("HTTP/1.1 200 OK\r\n")
        .containsIgnoringCase("\r\nContent-Length: " + full.length + "\r\n")
        .containsIgnoringCase("\r\nContent-Type: application/json\r\n")
        .doesNotContainIgnoringCase("Transfer-Encoding");
    assertThat(Arrays.copyOfRange(t.bytes(), bodyStart, t.bytes().length))
        .isEqualTo(Arrays.copyOf(full, full.length / 2));
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
  }

  @Test
  void a_service_error_is_the_aws_error_form() throws IOException {
    RawHttp.Transcript t = describeWith(ProfilerFault.throttling("slow down"), true);

    assertThat(head(t))
        .containsExactly(
            Map.entry("status-line", "HTTP/1.1 429 Too Many Requests"),
            Map.entry("content-type", "application/json"),
            Map.entry("x-amzn-errortype", "ThrottlingException"));
    assertThat(t.response().bodyText())
        .isEqualTo("{\"message\":\"slow down\",\"__type\":\"ThrottlingException\"}");
  }

  @Test
  void a_delay_sends_the_normal_answer_late() throws IOException {
    byte[] full = normalBody();
    long before = System.nanoTime();

    RawHttp.Transcript t = describeWith(ProfilerFault.delay(Duration.ofMillis(700)), true);

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThan(Duration.ofMillis(650));
    assertThat(head(t))
        .containsExactly(
            Map.entry("status-line", "HTTP/1.1 200 OK"),
            Map.entry("content-type", "application/json"));
    assertThat(t.response().body()).isEqualTo(full);
  }
}
