package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that are not well-formed HTTP, or that the fake fails on, written byte for byte on a
 * socket. Whatever layer notices (the HTTP parser, the body reader, the request target's decoding,
 * the dispatch), the answer is the AWS error form (status, {@code x-amzn-ErrorType}, {@code
 * x-amzn-RequestId}, JSON {@code __type} and {@code message}), on API and admin paths alike, and
 * the fake keeps serving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedHttpTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static FakeCodeGuruProfiler fake;

  @BeforeAll
  static void start() {
    fake = FakeCodeGuruProfiler.builder().profilingGroup("g").adminApi(true).start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  record Case(String name, byte[] request, boolean halfClose, int status, String messagePart) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case head(String name, String requestLine, int status, String messagePart) {
    return new Case(
        name,
        latin1(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        false,
        status,
        messagePart);
  }

  private static Case body(
      String name,
      String path,
      String framing,
      String body,
      boolean halfClose,
      String messagePart) {
    return new Case(
        name,
        latin1(
            "POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + framing
                + "\r\n\r\n"
                + body),
        halfClose,
        400,
        messagePart);
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    for (String[] target :
        List.of(
            new String[] {"API", "/profilingGroups/g/agentProfile"},
            new String[] {"admin", "/__fakeguru/faults"})) {
      String where = target[0] + ": ";
      String path = target[1];
      String chunked = "Transfer-Encoding: chunked";
      c.add(
          body(
              where + "chunk size zz",
              path,
              chunked,
              "zz\r\nabc\r\n0\r\n\r\n",
              false,
              "The request body is malformed"));
      c.add(
          body(
              where + "chunk size overflowing 64 bits",
              path,
              chunked,
              "fffffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
              false,
              "The request body is malformed"));
      c.add(
          body(
              where + "body shorter than its Content-Length, then a half-close",
              path,
              "Content-Length: 100",
              "{\"start\":1",
              true,
              "ended before the length its Content-Length or chunk size announced"));
      c.add(
          body(
              where + "a chunk and no last chunk, then a half-close",
              path,
              chunked,
              "a\r\n0123456789\r\n",
              true,
              "ended before the length its Content-Length or chunk size announced"));
      c.add(head(where + "%zz in the path", "GET " + path + "/%zz HTTP/1.1", 400, "malformed"));
      c.add(head(where + "a lone % in the path", "GET " + path + "/% HTTP/1.1", 400, "malformed"));
      c.add(head(where + "%00 in the path", "GET " + path + "/a%00b HTTP/1.1", 400, "malformed"));
      c.add(
          head(
              where + "%zz in the query",
              "GET " + path + "?x=%zz HTTP/1.1",
              400,
              "malformed percent-escape at '%zz'"));
      c.add(
          head(
              where + "a lone % ending the query",
              "GET " + path + "?x=% HTTP/1.1",
              400,
              "malformed percent-escape at '%'"));
      c.add(head(where + "raw 0xFF in the path", "GET " + path + "/\u00ff HTTP/1.1", 400, "ASCII"));
      c.add(
          head(
              where + "raw 0xFF in the query", "GET " + path + "?\u00ff=1 HTTP/1.1", 400, "ASCII"));
      c.add(
          new Case(
              where + "headers over 32 KiB",
              latin1(
                  "GET "
                      + path
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                      + "a".repeat(40_000)
                      + "\r\nConnection: close\r\n\r\n"),
              false,
              431,
              "headers are too large"));
    }
    c.add(head("a request line that is not HTTP/1.x", "HELLO WORLD", 505, "not supported"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void is_answered_in_the_aws_error_form_and_the_fake_keeps_serving(Case c) throws IOException {
    RawHttp.Transcript t =
        RawHttp.exchange(fake.port(), Duration.ofSeconds(10), c.request(), c.halfClose());

    assertAwsError(t.response(), c.status(), c.messagePart());
    assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
    assertStillServing();
  }

  @Test
  void a_failure_inside_the_fake_is_a_500_internal_server_exception() throws IOException {
    fake.injectFault(
        FaultRule.of(ProfilerFault.throttling())
            .when(
                r -> {
                  throw new IllegalStateException("a predicate that fails");
                }));

    RawHttp.Response r = describe();

    assertAwsError(r, 500, "The fake failed unexpectedly");
    assertThat(r.bodyText()).contains("a predicate that fails");
    fake.clearFaults();
    assertStillServing();
  }

  @Test
  void running_out_of_memory_is_a_500_internal_server_exception() throws IOException {
    fake.injectFault(
        FaultRule.of(ProfilerFault.throttling())
            .when(
                r -> {
                  throw new OutOfMemoryError("Java heap space");
                }));

    RawHttp.Response r = describe();

    assertAwsError(r, 500, "The fake ran out of memory answering this request");
    fake.clearFaults();
    assertStillServing();
  }

  private static RawHttp.Response describe() throws IOException {
    return RawHttp.exchange(
            fake.port(),
            Duration.ofSeconds(10),
            latin1(
                "GET /profilingGroups/g HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        .response();
  }

  private static void assertAwsError(RawHttp.Response r, int status, String messagePart)
      throws IOException {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.header("x-amzn-requestid")).matches("[0-9a-f-]{36}");
    String type = r.header("x-amzn-errortype");
    assertThat(type)
        .isEqualTo(
            status == 500
                ? "InternalServerException"
                : status == 408 ? "RequestTimeoutException" : "ValidationException");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo(type);
    assertThat(body.path("message").asText()).contains(messagePart);
  }

  private static void assertStillServing() throws IOException {
    assertThat(describe().status()).isEqualTo(200);
    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isPositive();
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
