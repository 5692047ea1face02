package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * HTTP/1.1 over a plain socket, one request per connection, so a fuzz test can send request targets
 * that {@code java.net.URI} would refuse and see exactly what the server answers (or that it
 * dropped the connection). Loopback only.
 */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static final String HEX = "0123456789ABCDEF";

  /** A parsed answer: status, lower-cased header names, body (de-chunked). */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + bodyText();
    }
  }

  private RawHttp() {}

  /**
   * Runs one input with Jazzer's server-side request forgery detector told that this harness's own
   * connections to the fake on loopback are intended; any other connection is still reported. The
   * permission belongs to the calling thread and the detector is loaded with the first input, so it
   * is opened around each input. Where no detector is loaded (regression runs go without hooks) there
   * is nothing to tell.
   */
  static void withConnectionsTo(IntSupplier port, Runnable input) {
    SilentCloseable permission;
    try {
      permission =
          BugDetectors.allowNetworkConnections(
              (host, p) -> (host.equals("127.0.0.1") || host.equals("localhost")) && p == port.getAsInt());
    } catch (IllegalStateException noDetectorLoaded) {
      permission = () -> {};
    }
    try {
      input.run();
    } finally {
      permission.close();
    }
  }

  static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
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
      boolean validEscape = b == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2]);
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
   * The property every API answer must have: a 2xx, or a 4xx in the AWS JSON error form (an
   * {@code x-amzn-ErrorType} header and a JSON body with a {@code message}). Never a 5xx.
   */
  static void assertWellFormedAwsAnswer(Response r, String request) {
    assertThat(r.status() / 100).as("status class of %s, answer %s", request, r).isIn(2, 4);
    if (r.status() >= 400) {
      assertThat(r.headers()).as("headers of %s, answer %s", request, r).containsKey("x-amzn-errortype");
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

  private static Response parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new AssertionError("incomplete HTTP answer (" + raw.length + " bytes): "
          + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunked.length);
    int pos = 0;
    while (true) {
      int lineEnd = indexOf(chunked, pos, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String sizeField = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";", 2)[0].trim();
      int size = Integer.parseInt(sizeField, 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      pos = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return indexOf(haystack, 0, needle);
  }

  private static int indexOf(byte[] haystack, int from, byte[] needle) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
