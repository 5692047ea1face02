package dev.fakeguru.internal.admin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.recording.Operation;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The admin API's JSON: reading request bodies and fields, where every failure is a {@link
 * BadRequest} whose message names the field and the problem, and writing answers and errors ({@code
 * {"message":...}}). Internal.
 */
final class AdminJson {
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build());
    // A key given twice would silently keep the last value: a typo'd request must not pass.
    JSON.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  private AdminJson() {}

  /** A 4xx answer with a message. */
  static final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  static JsonNode body(HttpRequest req) {
    byte[] b = req.body();
    if (b.length == 0) {
      throw new BadRequest(400, "The request needs a JSON object body.");
    }
    JsonNode n;
    try {
      n = JSON.readTree(b);
    } catch (IOException e) {
      throw new BadRequest(400, "The request body is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (n == null || !n.isObject()) {
      throw new BadRequest(
          400,
          "The request body must be a JSON object, but was "
              + (n == null ? "empty" : n.getNodeType().toString().toLowerCase())
              + ".");
    }
    return n;
  }

  static void allowOnly(JsonNode n, String prefix, Set<String> allowed) {
    Iterator<String> it = n.fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new BadRequest(
            400,
            prefix + f + " is not a known field; known fields are " + new TreeSet<>(allowed) + ".");
      }
    }
  }

  static void allowParams(HttpRequest req, String... allowed) {
    for (String q : req.query().keySet()) {
      if (!List.of(allowed).contains(q)) {
        throw new BadRequest(
            400, "The query parameter '" + q + "' is unknown; known are " + List.of(allowed) + ".");
      }
    }
  }

  static String requiredText(JsonNode n, String field) {
    return requiredText(n, field, field);
  }

  static String requiredText(JsonNode n, String field, String name) {
    return optText(n, field, name).orElseThrow(() -> new BadRequest(400, name + " is required."));
  }

  static Optional<String> optText(JsonNode n, String field) {
    return optText(n, field, field);
  }

  static Optional<String> optText(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new BadRequest(
          400, name + " must be a string, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asText());
  }

  static Optional<Boolean> optBoolean(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new BadRequest(
          400, field + " must be true or false, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asBoolean());
  }

  static Optional<Integer> optInt(JsonNode n, String field) {
    return optInt(n, field, field);
  }

  static Optional<Integer> optInt(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadRequest(
          400, name + " must be an integer, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asInt());
  }

  static Optional<Long> optLong(JsonNode n, String field) {
    return optLong(n, field, field);
  }

  static Optional<Long> optLong(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BadRequest(
          400, name + " must be an integer, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asLong());
  }

  static Optional<Double> optDouble(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw new BadRequest(
          400, name + " must be a number, but was " + abbreviate(v.toString()) + ".");
    }
    return Optional.of(v.asDouble());
  }

  /** A list of strings; empty when absent. */
  static List<String> stringList(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new BadRequest(
          400, name + " must be a list of strings, but was " + abbreviate(v.toString()) + ".");
    }
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new BadRequest(
            400,
            name
                + "["
                + i
                + "] must be a string, but was "
                + abbreviate(v.get(i).toString())
                + ".");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** The elements of a list of objects; empty when absent. */
  static List<JsonNode> objectList(JsonNode n, String field, String name) {
    JsonNode v = n.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new BadRequest(
          400, name + " must be a list of objects, but was " + abbreviate(v.toString()) + ".");
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(object(v.get(i), name + "[" + i + "]"));
    }
    return out;
  }

  /** The node, which must be a JSON object. */
  static JsonNode object(JsonNode v, String name) {
    if (v == null || v.isNull()) {
      throw new BadRequest(400, name + " is required.");
    }
    if (!v.isObject()) {
      throw new BadRequest(
          400, name + " must be an object, but was " + abbreviate(v.toString()) + ".");
    }
    return v;
  }

  static Optional<Long> longParam(HttpRequest req, String name) {
    return req.queryParam(name).map(v -> parseLong(name, v));
  }

  static long parseLong(String name, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, name + " must be an integer, but was '" + abbreviate(v) + "'.");
    }
  }

  static Instant instant(String name, String v) {
    if (v == null) {
      throw new BadRequest(
          400, name + " is required (an ISO-8601 instant such as 2024-01-02T03:00:00Z).");
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      throw new BadRequest(
          400,
          name
              + " must be an ISO-8601 instant such as 2024-01-02T03:00:00Z, but was '"
              + abbreviate(v)
              + "'.");
    }
  }

  static Operation operation(String field, String name) {
    for (Operation op : Operation.values()) {
      if (op != Operation.UNKNOWN && (op.apiName().equals(name) || op.name().equals(name))) {
        return op;
      }
    }
    List<String> names = new ArrayList<>();
    for (Operation op : Operation.values()) {
      if (op != Operation.UNKNOWN) {
        names.add(op.apiName());
      }
    }
    throw new BadRequest(
        400,
        field
            + " names an unknown operation '"
            + abbreviate(name)
            + "'; use API names such as "
            + names
            + ".");
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static int positive(String field, int value, int min) {
    if (value < min) {
      throw new BadRequest(400, field + " must be at least " + min + ", but was " + value + ".");
    }
    return value;
  }

  static long nonNegative(String field, long v) {
    if (v < 0) {
      throw new BadRequest(400, field + " must be >= 0, but was " + v + ".");
    }
    return v;
  }

  static HttpResponse json(int status, JsonNode body) {
    try {
      return new HttpResponse(
          status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse noContent() {
    return new HttpResponse(204, Map.of(), new byte[0]);
  }

  static HttpResponse error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message);
    return json(status, o);
  }
}
