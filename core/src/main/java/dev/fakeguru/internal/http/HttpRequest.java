package dev.fakeguru.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the fake sees it, independent of WireMock: method, raw path, decoded path segments,
 * decoded query parameters, lower-cased headers and the body exactly as sent. What the server
 * learnt about the request itself (a body over the size limit) is a field, never a header a client
 * could send. Internal.
 *
 * @param bodyOverLimit the limit the body exceeded (the body is then empty), or -1
 */
public record HttpRequest(
    String method,
    String rawPath,
    List<String> segments,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    long bodyOverLimit) {

  /**
   * Parses a raw request target. Percent-decoding is strict: {@code +} stays a plus sign (the AWS
   * SDKs encode spaces as {@code %20} and plus signs as {@code %2B}), and a {@code %} not followed
   * by two hex digits makes the request malformed.
   *
   * @throws MalformedRequest if the target holds a malformed percent-escape
   */
  public static HttpRequest of(
      String method, String rawTarget, Map<String, List<String>> headers, byte[] body) {
    int q = rawTarget.indexOf('?');
    String rawPath = q < 0 ? rawTarget : rawTarget.substring(0, q);
    String rawQuery = q < 0 ? "" : rawTarget.substring(q + 1);
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(percentDecode(s));
      }
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach(
        (k, v) ->
            lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    return new HttpRequest(
        method.toUpperCase(Locale.ROOT),
        rawPath,
        Collections.unmodifiableList(segments),
        Collections.unmodifiableMap(query),
        Collections.unmodifiableMap(lower),
        body == null ? new byte[0] : body,
        -1);
  }

  /** The same request, whose body was dropped because it exceeded {@code limit} bytes. */
  public HttpRequest overLimit(long limit) {
    return new HttpRequest(method, rawPath, segments, query, headers, new byte[0], limit);
  }

  /** A request target the fake cannot parse: answered 400 before it reaches any route. */
  public static final class MalformedRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedRequest(String message) {
      super(message);
    }
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8.
   *
   * @throws MalformedRequest for a {@code %} not followed by two hex digits
   */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          throw new MalformedRequest(
              "The request target holds a malformed percent-escape at '"
                  + s.substring(i, Math.min(s.length(), i + 3))
                  + "': a % must be followed by two hex digits.");
        }
        out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public Optional<String> queryParam(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public List<String> queryParams(String name) {
    return query.getOrDefault(name, List.of());
  }
}
