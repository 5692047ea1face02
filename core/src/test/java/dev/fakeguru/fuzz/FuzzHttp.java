package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.server.RawHttp;
import dev.fakeguru.server.RawHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What the HTTP fuzz tests share on top of {@link RawHttp}: sending an input's bytes as a request
 * target, the property every API answer must have, and permission for Jazzer's network detector.
 */
final class FuzzHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Long enough for the first request, which waits while the bug detectors rewrite classes. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private static final String HEX = "0123456789ABCDEF";

  private FuzzHttp() {}

  /**
   * Runs one input with Jazzer's server-side request forgery detector told that this harness's own
   * connections to the fake on loopback are intended; any other connection is still reported. The
   * permission belongs to the calling thread and the detector is loaded with the first input, so it
   * is opened around each input. Where no detector is loaded (regression runs go without hooks)
   * there is nothing to tell.
   */
  static void withConnectionsTo(IntSupplier port, Runnable input) {
    SilentCloseable permission;
    try {
      permission =
          BugDetectors.allowNetworkConnections(
              (host, p) ->
                  (host.equals("127.0.0.1") || host.equals("localhost")) && p == port.getAsInt());
    } catch (IllegalStateException noDetectorLoaded) {
      permission = () -> {};
    }
    try {
      input.run();
    } finally {
      permission.close();
    }
  }

  /** {@link RawHttp#send}, with a read timeout short enough to report a hang as one. */
  static Response send(
      int port, String method, String target, Map<String, String> headers, byte[] body) {
    try {
      return RawHttp.send(port, READ_TIMEOUT, method, target, headers, body);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target + ": no answer", e);
    }
  }

  /**
   * Makes any text a valid request-target fragment without changing what the server decodes: bytes
   * that may not appear raw (controls, space, non-ASCII, {@code "#<>\^`{|}}) and a {@code %} not
   * followed by two hex digits are percent-encoded; everything else, including {@code &}, {@code =}
   * and valid escapes, is kept as the fuzzer wrote it.
   */
  static String target(byte[] raw) {
    StringBuilder sb = new StringBuilder(raw.length + 16);
    for (int i = 0; i < raw.length; i++) {
      int b = raw[i] & 0xFF;
      boolean validEscape =
          b == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2]);
      if (b > 0x20 && b < 0x7F && "\"#<>\\^`{|}".indexOf(b) < 0 && (b != '%' || validEscape)) {
        sb.append((char) b);
      } else {
        sb.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xF));
      }
    }
    return sb.toString();
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /**
   * The property every API answer must have: a 2xx, or a 4xx in the AWS JSON error form (an {@code
   * x-amzn-ErrorType} header and a JSON body with a {@code message}). Never a 5xx.
   */
  static void assertWellFormedAwsAnswer(Response r, String request) {
    assertThat(r.status() / 100).as("status class of %s, answer %s", request, r).isIn(2, 4);
    if (r.status() >= 400) {
      assertThat(r.headers())
          .as("headers of %s, answer %s", request, r)
          .containsKey("x-amzn-errortype");
      assertThat(message(r)).as("error message of %s, answer %s", request, r).isNotBlank();
    }
  }

  /** The {@code message} of a JSON error body; fails if the body is not a JSON object with one. */
  static String message(Response r) {
    JsonNode node;
    try {
      node = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("error body is not JSON: " + r, e);
    }
    assertThat(node).as("error body %s", r).isNotNull();
    JsonNode message = node.get("message");
    assertThat(message).as("message in %s", r).isNotNull();
    assertThat(message.isTextual()).as("message in %s is a string", r).isTrue();
    return message.asText();
  }
}
