package dev.fakeguru.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP/1.1 over a plain socket, one request per connection, with the bytes exactly as given, so a
 * test can send what {@code java.net.URI} or an HTTP client would refuse or rewrite, and see
 * exactly what the server answers. Loopback only. Used by {@link HostileInputTest} and the fuzz
 * tests.
 */
public final class RawHttp {

  /** A parsed answer: status, lower-cased header names, body (de-chunked). */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The header's value (any case of {@code name}), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + bodyText();
    }
  }

  /** How the server ended a connection. */
  public enum Ending {
    /** An orderly close (FIN) after the bytes. */
    CLOSED,
    /** A reset (RST). */
    RESET,
    /** Nothing more arrived within the read timeout; the connection was still open. */
    TIMED_OUT
  }

  /** Every byte the server sent on one connection, and how the connection ended. */
  public record Transcript(byte[] bytes, Ending ending) {
    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The answer in {@link #bytes}, parsed. */
    public Response response() {
      return parse(bytes);
    }
  }

  private RawHttp() {}

  /**
   * Writes {@code request} exactly as given on a new connection to {@code 127.0.0.1:port}, then
   * reads until the server closes or resets the connection, or {@code readTimeout} passes without a
   * byte.
   */
  public static Transcript exchange(int port, Duration readTimeout, byte[] request)
      throws IOException {
    return exchange(port, readTimeout, request, false);
  }

  /**
   * As {@link #exchange(int, Duration, byte[])}; with {@code halfClose} the client shuts its
   * sending side down after the request (no more bytes will come) and still reads the answer.
   */
  public static Transcript exchange(
      int port, Duration readTimeout, byte[] request, boolean halfClose) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) readTimeout.toMillis());
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      return readToEnd(socket);
    }
  }

  /** Reads what {@code socket} receives until it is closed, reset or silent for its timeout. */
  public static Transcript readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = socket.getInputStream().read(buf)) >= 0; ) {
        received.write(buf, 0, n);
      }
      return new Transcript(received.toByteArray(), Ending.CLOSED);
    } catch (java.net.SocketTimeoutException e) {
      return new Transcript(received.toByteArray(), Ending.TIMED_OUT);
    } catch (java.net.SocketException e) {
      return new Transcript(received.toByteArray(), Ending.RESET);
    }
  }

  /**
   * Sends one request as {@link #send} does and returns exactly the bytes that came back until the
   * server closed the connection (or reset it, or fell silent for {@code readTimeout}).
   */
  public static Transcript exchange(
      int port, Duration readTimeout, String method, String target, Map<String, String> headers)
      throws IOException {
    return exchange(
        port,
        readTimeout,
        head(port, method, target, headers, 0).getBytes(StandardCharsets.UTF_8),
        false);
  }

  private static String head(
      int port, String method, String target, Map<String, String> headers, int contentLength) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Connection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
    return head.toString();
  }

  /**
   * Sends one request to {@code 127.0.0.1:port} with {@code Host}, {@code Connection: close}, the
   * given headers and {@code Content-Length}, and reads the whole answer.
   *
   * @throws IOException if the connection fails or no answer arrives within {@code readTimeout}
   * @throws AssertionError if the answer is not a complete HTTP head
   */
  public static Response send(
      int port,
      Duration readTimeout,
      String method,
      String target,
      Map<String, String> headers,
      byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) readTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head(port, method, target, headers, body.length).getBytes(StandardCharsets.UTF_8));
      try {
        out.write(body);
        out.flush();
      } catch (IOException serverStoppedReading) {
        // The server may answer and close before reading a huge body; its answer is still there.
      }
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  /** {@code plain}, gzipped as an agent gzips its body. */
  public static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 32);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Response parse(byte[] raw) {
    int end = indexOf(raw, 0, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new AssertionError(
          "incomplete HTTP answer ("
              + raw.length
              + " bytes): "
              + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
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
      String sizeField =
          new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1)
              .split(";", 2)[0].trim();
      int size = Integer.parseInt(sizeField, 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, lineEnd + 2, size);
      pos = lineEnd + 2 + size + 2;
    }
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
