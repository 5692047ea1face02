package dev.fakeguru.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The standalone server's admin API ({@code /__fakeguru/}), as plain HTTP. */
final class Admin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  Admin(String endpoint) {
    this.base = endpoint.replaceAll("/+$", "") + "/__fakeguru/";
  }

  void reset() {
    send("POST", "reset", "", 204);
  }

  /**
   * Answers the next {@code n} calls of {@code operation} with a {@code type} fault and {@code
   * message}.
   */
  void failNext(String operation, String type, String message, int n) {
    fault(
        rule(operation, type)
            .put("nextCalls", n)
            .set("fault", fault(type).put("message", message)));
  }

  /** Answers every call of {@code operation} with a {@code type} fault (until the next reset). */
  void failEvery(String operation, String type) {
    fault(rule(operation, type));
  }

  /**
   * Answers the next call of {@code operation} with a {@code type} fault after the call took
   * effect.
   */
  void failOnceAfterEffect(String operation, String type) {
    fault(rule(operation, type).put("nextCalls", 1).put("timing", "afterEffect"));
  }

  private static ObjectNode fault(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  private static ObjectNode rule(String operation, String type) {
    ObjectNode rule = JSON.createObjectNode();
    rule.set("fault", fault(type));
    rule.putArray("operations").add(operation);
    return rule;
  }

  private void fault(ObjectNode rule) {
    send("POST", "faults", rule.toString(), 201);
  }

  /**
   * Scripts the findings scenario for {@code group}: a recommendation for 03:00 to 04:00 and an
   * anomaly instance from 03:10 to 03:20 on 2024-01-02 (see {@link Expect#FINDINGS_START}).
   */
  void scriptFindings(String group) {
    send(
        "POST",
        "findings/recommendations",
        """
        {"group": "%s", "startTime": "2024-01-02T03:00:00Z", "endTime": "2024-01-02T04:00:00Z",
         "pattern": {"name": "Excessive logging", "description": "Logging takes time.",
                     "resolutionSteps": "Log less.", "targetFrames": [["Logger.log"]],
                     "thresholdPercent": 5, "countersToAggregate": ["RUNNABLE"]},
         "matches": [{"frameAddress": "main;handle;Logger.log", "targetFramesIndex": 0,
                      "thresholdBreachValue": 7.5}]}"""
            .formatted(group),
        201);
    send(
        "POST",
        "findings/anomalies",
        """
        {"group": "%s", "metric": {"frameName": "Db.query", "threadStates": ["RUNNABLE"]},
         "reason": "Db.query takes 3 times its usual share",
         "instances": [{"id": "%s", "startTime": "2024-01-02T03:10:00Z",
                        "endTime": "2024-01-02T03:20:00Z"}]}"""
            .formatted(group, Expect.ANOMALY_INSTANCE),
        201);
  }

  /** The feedback the server accepted, oldest first. */
  List<JsonNode> feedback() {
    return list(send("GET", "findings/feedback", null, 200), "feedback");
  }

  /** The calls the server answered for one operation (every attempt of a retried call is one). */
  List<JsonNode> calls(String operation) {
    return list(send("GET", "calls?operation=" + operation, null, 200), "calls");
  }

  /** The posts recorded for a group, oldest first. */
  List<JsonNode> posts(String group) {
    return list(send("GET", "posts?group=" + group, null, 200), "posts");
  }

  private static List<JsonNode> list(JsonNode body, String field) {
    List<JsonNode> out = new ArrayList<>();
    body.get(field).forEach(out::add);
    return out;
  }

  private JsonNode send(String method, String path, String body, int expectedStatus) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expectedStatus) {
        throw new IllegalStateException(
            method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
