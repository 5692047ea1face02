package dev.fakeguru.internal.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The first line of a post file: one line of JSON, {@code {"format":"fakeguru-post/1","group":...,
 * "token":...,"contentType":...,"contentEncoding":...,"receivedAt":"ISO-8601","length":N,"crc32":C}},
 * after which exactly {@code length} bytes follow: the body as the agent sent it. Internal.
 */
record PostHeader(
    String group,
    String token,
    String contentType,
    String contentEncoding,
    Instant receivedAt,
    long length,
    long crc32) {

  static final String FORMAT = "fakeguru-post/1";

  /** The engine's rule for group names (ASCII word characters and hyphens). */
  static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9_-]{1,255}$");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A header line that does not describe a post. */
  static final class BadHeader extends Exception {

    private static final long serialVersionUID = 1L;

    BadHeader(String message) {
      super(message);
    }
  }

  /** The header as written: one line of JSON and a newline. */
  byte[] line() {
    ObjectNode header = JSON.createObjectNode();
    header.put("format", FORMAT);
    header.put("group", group);
    header.put("token", token);
    header.put("contentType", contentType);
    header.put("contentEncoding", contentEncoding);
    header.put("receivedAt", receivedAt.toString());
    header.put("length", length);
    header.put("crc32", crc32);
    return (header.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a header line (without its newline). */
  static PostHeader parse(String line) throws BadHeader {
    JsonNode h;
    try {
      h = JSON.readTree(line);
    } catch (IOException e) {
      throw new BadHeader("not JSON: " + firstLine(e.getMessage()));
    }
    if (h == null || !h.isObject()) {
      throw new BadHeader("not a JSON object");
    }
    if (!FORMAT.equals(h.path("format").asText(null))) {
      throw new BadHeader("format is " + h.path("format") + ", expected \"" + FORMAT + "\"");
    }
    String group = text(h, "group", true);
    if (!SAFE_NAME.matcher(group).matches()) {
      throw new BadHeader("group '" + group + "' is not a valid profiling-group name");
    }
    Instant at;
    try {
      at = Instant.parse(text(h, "receivedAt", true));
    } catch (DateTimeParseException e) {
      throw new BadHeader("receivedAt is not an ISO-8601 instant: " + h.get("receivedAt"));
    }
    if (!h.path("length").canConvertToLong() || h.path("length").asLong() < 0) {
      throw new BadHeader("length is missing or negative");
    }
    if (!h.path("crc32").canConvertToLong()) {
      throw new BadHeader("crc32 is missing");
    }
    return new PostHeader(
        group,
        text(h, "token", false),
        text(h, "contentType", false),
        text(h, "contentEncoding", false),
        at,
        h.get("length").asLong(),
        h.get("crc32").asLong());
  }

  private static String text(JsonNode h, String field, boolean required) throws BadHeader {
    JsonNode v = h.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadHeader(field + " is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadHeader(field + " is not a string");
    }
    return v.asText();
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
