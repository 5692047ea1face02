package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.internal.engine.PageTokens;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.wire.Wire;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Server-side validation of the constraints in the API model (spec section 5.2). Every failure is a
 * 400 ValidationException in the AWS form naming the member and the constraint. Internal.
 */
final class Params {
  static final Pattern NAME_PATTERN = Pattern.compile("^[\\w-]+$");
  static final Pattern UUID_PATTERN =
      Pattern.compile("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");

  private Params() {}

  static String required(String member, String value) {
    if (value == null) {
      throw ServiceException.invalidMember(member, null, "Member must not be null");
    }
    return value;
  }

  static String lengthAndPattern(String member, String value, int min, int max, Pattern pattern) {
    required(member, value);
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw ServiceException.invalidMember(
          member,
          abbreviate(value),
          "Member must have length between " + min + " and " + max + " (was " + length + ")");
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw ServiceException.invalidMember(
          member,
          abbreviate(value),
          "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return value;
  }

  static String profilingGroupName(String member, String value) {
    return lengthAndPattern(member, value, 1, 255, NAME_PATTERN);
  }

  static String token(String member, String value) {
    return lengthAndPattern(member, value, 1, 64, NAME_PATTERN);
  }

  static String uuid(String member, String value) {
    return lengthAndPattern(member, value, 36, 36, UUID_PATTERN);
  }

  static int intInRange(String member, String value, int min, int max) {
    required(member, value);
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ServiceException.invalidMember(member, abbreviate(value), "Member must be an integer");
    }
    if (parsed < min || parsed > max) {
      throw ServiceException.invalidMember(
          member,
          value,
          "Member must have value "
              + (parsed < min
                  ? "greater than or equal to " + min
                  : "less than or equal to " + max));
    }
    return parsed;
  }

  static Optional<Integer> optionalInt(HttpRequest req, String member, int min, int max) {
    return req.queryParam(member).map(v -> intInRange(member, v, min, max));
  }

  static boolean bool(String member, String value) {
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    throw ServiceException.invalidMember(
        member, abbreviate(value), "Member must be a boolean (true or false)");
  }

  /** ISO-8601 with {@code Z} or an offset and 0 to 9 fraction digits, as every SDK sends. */
  static Instant timestamp(String member, String value) {
    required(member, value);
    Instant t;
    try {
      t = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw ServiceException.invalidMember(
          member,
          abbreviate(value),
          "Member must be an ISO-8601 timestamp such as 2024-01-02T03:04:05.123Z");
    }
    if (!Wire.inTimestampRange(t)) {
      // Java parses years far beyond what any SDK sends; such instants break date arithmetic later.
      throw ServiceException.invalidMember(
          member, abbreviate(value), "Member must be a timestamp from year 0001 to year 9999");
    }
    return t;
  }

  static Optional<Instant> optionalTimestamp(HttpRequest req, String member) {
    return req.queryParam(member).map(v -> timestamp(member, v));
  }

  /**
   * An ISO-8601 duration such as {@code PT5M}, {@code P1D} or {@code P1DT1H1M1S}, 1 to 64 chars,
   * positive.
   */
  static Duration duration(String member, String value) {
    lengthAndPattern(member, value, 1, 64, null);
    Duration d;
    try {
      d = Duration.parse(value);
    } catch (DateTimeException e) {
      throw ServiceException.invalidMember(
          member,
          abbreviate(value),
          "Member must be an ISO-8601 duration such as PT5M, PT1H or P1D");
    }
    if (d.isNegative() || d.isZero()) {
      throw ServiceException.invalidMember(member, value, "Member must be a positive duration");
    }
    return d;
  }

  static String oneOf(String member, String value, Collection<String> allowed) {
    required(member, value);
    if (!allowed.contains(value)) {
      throw ServiceException.invalidMember(
          member, abbreviate(value), "Member must satisfy enum value set: " + allowed);
    }
    return value;
  }

  static JsonNode requiredField(JsonNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      throw ServiceException.invalidMember(member, null, "Member must not be null");
    }
    return n;
  }

  static String textField(JsonNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ServiceException.invalidMember(member, n.toString(), "Member must be a string");
    }
    return n.asText();
  }

  static boolean booleanField(JsonNode parent, String member, String path) {
    JsonNode n = parent.get(member);
    if (n == null || n.isNull()) {
      throw ServiceException.invalidMember(path, null, "Member must not be null");
    }
    if (!n.isBoolean()) {
      throw ServiceException.invalidMember(path, n.toString(), "Member must be a boolean");
    }
    return n.booleanValue();
  }

  /** A JSON map of strings (tags); empty when absent. */
  static Map<String, String> stringMap(JsonNode body, String member) {
    JsonNode n = body.get(member);
    Map<String, String> map = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return map;
    }
    if (!n.isObject()) {
      throw ServiceException.invalidMember(member, n.toString(), "Member must be a map of strings");
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ServiceException.invalidMember(
            member + "." + e.getKey(), e.getValue().toString(), "Member must be a string");
      }
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  /** A JSON list of {@code min} to {@code max} strings. */
  static List<String> stringList(String member, JsonNode node, int min, int max) {
    if (!node.isArray()) {
      throw ServiceException.invalidMember(
          member, abbreviate(node.toString()), "Member must be a list of strings");
    }
    if (node.size() < min || node.size() > max) {
      throw ServiceException.invalidMember(
          member,
          abbreviate(node.toString()),
          "Member must have length between " + min + " and " + max);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw ServiceException.invalidMember(
            member, abbreviate(node.toString()), "Member must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /**
   * Where a page continues: the position behind the request's {@code nextToken}, or null for the
   * first page. A token is only good in the {@code scope} it was issued for.
   *
   * @throws ServiceException 400 for a token issued elsewhere, made up, or forgotten
   */
  static String continueAfter(PageTokens tokens, HttpRequest req, String scope) {
    return req.queryParam("nextToken")
        .map(
            t -> {
              token("nextToken", t);
              return tokens
                  .position(scope, t)
                  .orElseThrow(
                      () ->
                          ServiceException.invalidMember(
                              "nextToken",
                              t,
                              "Member must be a nextToken that this operation returned for the"
                                  + " same profiling group and parameters (tokens are bound to"
                                  + " them, and only the newest "
                                  + PageTokens.MAX_TOKENS
                                  + " are kept)"));
            })
        .orElse(null);
  }

  /** A query range whose start is before its end. */
  static void ordered(Instant start, Instant end) {
    if (!start.isBefore(end)) {
      throw ServiceException.validation(
          "startTime must be before endTime (startTime "
              + Wire.timestamp(start)
              + ", endTime "
              + Wire.timestamp(end)
              + ")");
    }
  }

  static String abbreviate(String value) {
    if (value == null) {
      return null;
    }
    return value.length() <= 300 ? value : value.substring(0, 300) + "...";
  }
}
