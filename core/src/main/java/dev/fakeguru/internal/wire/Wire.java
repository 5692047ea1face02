package dev.fakeguru.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.TimestampRange;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The AWS restJson1 wire details shared by the CodeGuru API handlers and the dispatch: JSON bodies,
 * timestamps and error responses. Internal.
 */
public final class Wire {
  public static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /** Response timestamps: always UTC, always three fraction digits, always {@code Z}. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * A SigV4 {@code Authorization} header; groups: access key id, date, region, service, signed
   * headers, signature.
   */
  public static final Pattern SIGV4_AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
              + "SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*");

  private Wire() {}

  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * Whether {@code t} lies in years 0001 to 9999, which {@link #timestamp} writes as AWS does
   * ({@link TimestampRange}).
   */
  public static boolean inTimestampRange(Instant t) {
    return TimestampRange.contains(t);
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Parses a JSON request body; an absent or empty body is an empty object. */
  public static JsonNode parseBody(byte[] body) {
    if (body == null || body.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw ServiceException.validation(
          "Could not parse the request body as JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || node.isMissingNode()) {
      return JSON.createObjectNode();
    }
    if (!node.isObject()) {
      throw ServiceException.validation(
          "The request body must be a JSON object, but was "
              + node.getNodeType().toString().toLowerCase());
    }
    return node;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public static HttpResponse json(int status, JsonNode body) {
    try {
      return new HttpResponse(status, jsonHeaders(), JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse noContent() {
    return new HttpResponse(204, baseHeaders(), new byte[0]);
  }

  /** The error form every SDK parses: header and body both name the bare error type. */
  public static HttpResponse error(int status, String errorType, String message) {
    ObjectNode body = object();
    body.put("message", message);
    body.put("__type", errorType);
    Map<String, String> headers = jsonHeaders();
    headers.put("x-amzn-ErrorType", errorType);
    try {
      return new HttpResponse(status, headers, JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse error(ServiceException e) {
    return error(e.status(), e.errorType(), e.getMessage());
  }

  /** A 200 whose body parses as neither JSON nor Ion, labelled like the real answer would be. */
  public static HttpResponse malformed(HttpResponse real) {
    Map<String, String> headers = baseHeaders();
    String type = real == null ? null : real.headers().get("Content-Type");
    headers.put("Content-Type", type == null ? "application/json" : type);
    return new HttpResponse(200, headers, utf8("{\"malformed\": [1, 2,\u0000 <html>"));
  }

  public static Map<String, String> baseHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", requestId());
    return headers;
  }

  /**
   * A random version-4 UUID. Not {@code UUID.randomUUID()}: its shared {@code SecureRandom} is a
   * monitor every answering thread contended for (JFR of 8 parallel JUnit threads, issue 21), and a
   * request id needs no cryptographic strength.
   */
  static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  public static Map<String, String> jsonHeaders() {
    Map<String, String> headers = baseHeaders();
    headers.put("Content-Type", "application/json");
    return headers;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
