package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.allowOnly;
import static dev.fakeguru.internal.admin.AdminJson.allowParams;
import static dev.fakeguru.internal.admin.AdminJson.body;
import static dev.fakeguru.internal.admin.AdminJson.instant;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.object;
import static dev.fakeguru.internal.admin.AdminJson.objectList;
import static dev.fakeguru.internal.admin.AdminJson.optDouble;
import static dev.fakeguru.internal.admin.AdminJson.optInt;
import static dev.fakeguru.internal.admin.AdminJson.optText;
import static dev.fakeguru.internal.admin.AdminJson.requiredText;
import static dev.fakeguru.internal.admin.AdminJson.stringList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Metric;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.FindingsJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code findings}: script recommendations and anomalies (in the API's shapes), derive a
 * recommendation from stored profiles, and read back a group's findings and reports, the feedback
 * received and the notifications recorded. Thread-safe. Internal.
 */
final class FindingsResource {
  private final Engine engine;
  private final GroupsResource groups;

  FindingsResource(Engine engine, GroupsResource groups) {
    this.engine = engine;
    this.groups = groups;
  }

  HttpResponse addRecommendation(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("group", "startTime", "endTime", "pattern", "matches"));
    GroupState g = groups.require(requiredText(body, "group"));
    Pattern pattern = pattern(object(body.get("pattern"), "pattern"));
    Instant start = instant("startTime", optText(body, "startTime").orElse(null));
    Instant end = instant("endTime", optText(body, "endTime").orElse(null));
    Recommendation.Builder b =
        Recommendation.builder().pattern(pattern).startTime(start).endTime(end);
    List<JsonNode> matches = objectList(body, "matches", "matches");
    for (int i = 0; i < matches.size(); i++) {
      b.match(match(matches.get(i), "matches[" + i + "]"));
    }
    Recommendation r = valid("", b::build);
    engine.findings().addRecommendation(g, r);
    return json(201, JSON.createObjectNode().set("recommendation", withAllMatches(r)));
  }

  HttpResponse addAnomaly(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("group", "metric", "reason", "instances"));
    GroupState g = groups.require(requiredText(body, "group"));
    JsonNode metricNode = object(body.get("metric"), "metric");
    allowOnly(metricNode, "metric.", Set.of("frameName", "type", "threadStates"));
    Metric metric =
        valid(
            "metric",
            () ->
                new Metric(
                    requiredText(metricNode, "frameName", "metric.frameName"),
                    optText(metricNode, "type", "metric.type")
                        .orElse(Metric.AGGREGATED_RELATIVE_TOTAL_TIME),
                    stringList(metricNode, "threadStates", "metric.threadStates")));
    Anomaly.Builder b = Anomaly.builder().metric(metric).reason(requiredText(body, "reason"));
    List<JsonNode> instances = objectList(body, "instances", "instances");
    for (int i = 0; i < instances.size(); i++) {
      AnomalyInstance instance = instance(instances.get(i), "instances[" + i + "]");
      if (scriptedInstance(g, instance.id())) {
        throw new BadRequest(
            409,
            "Profiling group '"
                + g.name()
                + "' already has an anomaly instance "
                + instance.id()
                + ".");
      }
      b.instance(instance);
    }
    Anomaly a = valid("", b::build);
    List<RecordedNotification> sent = engine.findings().addAnomaly(g, a);
    ObjectNode o = JSON.createObjectNode();
    o.set("anomaly", FindingsJson.anomaly(a));
    o.put("notificationsRecorded", sent.size());
    return json(201, o);
  }

  private boolean scriptedInstance(GroupState g, String id) {
    return engine.findings().anomalies(g).stream()
        .flatMap(a -> a.instances().stream())
        .anyMatch(i -> i.id().equals(id));
  }

  HttpResponse deriveRecommendation(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("group", "start", "end", "frame", "thresholdPercent", "pattern"));
    GroupState g = groups.require(requiredText(body, "group"));
    Instant start = instant("start", optText(body, "start").orElse(null));
    Instant end = instant("end", optText(body, "end").orElse(null));
    if (!start.isBefore(end)) {
      throw new BadRequest(
          400, "start must be before end, but start is " + start + " and end is " + end + ".");
    }
    Optional<String> frame = optText(body, "frame");
    Optional<Double> threshold = optDouble(body, "thresholdPercent", "thresholdPercent");
    boolean hasPattern = body.hasNonNull("pattern");
    if (hasPattern == (frame.isPresent() || threshold.isPresent())) {
      throw new BadRequest(
          400,
          "Give either pattern, or frame and thresholdPercent (the pattern \"frame over N%\").");
    }
    Pattern pattern =
        hasPattern
            ? pattern(object(body.get("pattern"), "pattern"))
            : valid(
                "",
                () ->
                    Pattern.hotFrame(
                        frame.orElseThrow(() -> new BadRequest(400, "frame is required.")),
                        threshold.orElseThrow(
                            () -> new BadRequest(400, "thresholdPercent is required."))));
    Optional<Recommendation> r = engine.deriveRecommendation(g, start, end, pattern);
    ObjectNode o = JSON.createObjectNode();
    if (r.isEmpty()) {
      o.putNull("recommendation");
      return json(200, o);
    }
    o.set("recommendation", withAllMatches(r.get()));
    return json(201, o);
  }

  HttpResponse list(Exchange e) {
    allowParams(e.request(), "group");
    GroupState g =
        groups.require(
            e.request()
                .queryParam("group")
                .orElseThrow(() -> new BadRequest(400, "The query parameter group is required.")));
    ObjectNode o = JSON.createObjectNode();
    ArrayNode recommendations = o.putArray("recommendations");
    engine.findings().recommendations(g).forEach(r -> recommendations.add(withAllMatches(r)));
    ArrayNode anomalies = o.putArray("anomalies");
    engine.findings().anomalies(g).forEach(a -> anomalies.add(FindingsJson.anomaly(a)));
    ArrayNode reports = o.putArray("findingsReports");
    for (FindingsReport r : engine.findings().reports(g)) {
      reports.add(FindingsJson.reportSummary(r).put("daily", r.daily()));
    }
    return json(200, o);
  }

  HttpResponse feedback(Exchange e) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("feedback");
    for (RecordedFeedback f : engine.findings().feedback()) {
      ObjectNode x = arr.addObject();
      x.put("sequence", f.sequence());
      x.put("group", f.profilingGroup());
      x.put("anomalyInstanceId", f.anomalyInstanceId());
      x.put("type", f.type().wireName());
      f.comment().ifPresent(c -> x.put("comment", c));
      x.put("receivedAt", f.receivedAt().toString());
    }
    return json(200, o);
  }

  HttpResponse notifications(Exchange e) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("notifications");
    for (RecordedNotification n : engine.findings().notifications()) {
      ObjectNode x = arr.addObject();
      x.put("group", n.profilingGroup());
      x.put("channelId", n.channelId());
      x.put("channelUri", n.channelUri());
      x.put("eventType", n.eventType());
      x.put("anomalyInstanceId", n.anomalyInstanceId());
      try {
        x.set("payload", JSON.readTree(n.payload()));
      } catch (IOException ex) {
        throw new IllegalStateException("a notification payload is not JSON", ex);
      }
      x.put("recordedAt", n.recordedAt().toString());
    }
    return json(200, o);
  }

  /** The API's shape, plus every match (the API shows only the top matches). */
  private static ObjectNode withAllMatches(Recommendation r) {
    ObjectNode o = FindingsJson.recommendation(r);
    FindingsJson.matches(o.putArray("matches"), r.matches());
    return o;
  }

  private static Pattern pattern(JsonNode p) {
    allowOnly(
        p,
        "pattern.",
        Set.of(
            "id",
            "name",
            "description",
            "resolutionSteps",
            "targetFrames",
            "thresholdPercent",
            "countersToAggregate"));
    Pattern.Builder b = Pattern.builder();
    optText(p, "id", "pattern.id").ifPresent(id -> valid("pattern", () -> b.id(id)));
    b.name(requiredText(p, "name", "pattern.name"));
    b.description(optText(p, "description", "pattern.description").orElse(null));
    b.resolutionSteps(optText(p, "resolutionSteps", "pattern.resolutionSteps").orElse(null));
    JsonNode targets = p.get("targetFrames");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw new BadRequest(
          400,
          "pattern.targetFrames must be a non-empty list of call chains such as [[\"Db.query\"]].");
    }
    for (int i = 0; i < targets.size(); i++) {
      String where = "pattern.targetFrames[" + i + "]";
      ObjectNode holder = JSON.createObjectNode().set("chain", targets.get(i));
      List<String> chain = stringList(holder, "chain", where);
      valid(where, () -> b.targetFrame(chain));
    }
    double threshold =
        optDouble(p, "thresholdPercent", "pattern.thresholdPercent")
            .orElseThrow(() -> new BadRequest(400, "pattern.thresholdPercent is required."));
    valid("pattern", () -> b.thresholdPercent(threshold));
    b.countersToAggregate(stringList(p, "countersToAggregate", "pattern.countersToAggregate"));
    return valid("pattern", b::build);
  }

  private static Match match(JsonNode m, String where) {
    allowOnly(m, where + ".", Set.of("frameAddress", "targetFramesIndex", "thresholdBreachValue"));
    String address = requiredText(m, "frameAddress", where + ".frameAddress");
    int index =
        optInt(m, "targetFramesIndex", where + ".targetFramesIndex")
            .orElseThrow(() -> new BadRequest(400, where + ".targetFramesIndex is required."));
    double value =
        optDouble(m, "thresholdBreachValue", where + ".thresholdBreachValue")
            .orElseThrow(() -> new BadRequest(400, where + ".thresholdBreachValue is required."));
    return valid(where, () -> new Match(address, index, value));
  }

  private static AnomalyInstance instance(JsonNode i, String where) {
    allowOnly(i, where + ".", Set.of("id", "startTime", "endTime", "userFeedback"));
    AnomalyInstance.Builder b = AnomalyInstance.builder();
    optText(i, "id", where + ".id").ifPresent(id -> valid(where, () -> b.id(id)));
    b.startTime(instant(where + ".startTime", optText(i, "startTime").orElse(null)));
    optText(i, "endTime").ifPresent(t -> b.endTime(instant(where + ".endTime", t)));
    JsonNode feedback = i.get("userFeedback");
    if (feedback != null && !feedback.isNull()) {
      JsonNode f = object(feedback, where + ".userFeedback");
      allowOnly(f, where + ".userFeedback.", Set.of("type"));
      String type = requiredText(f, "type", where + ".userFeedback.type");
      b.userFeedback(valid(where + ".userFeedback", () -> FeedbackType.fromWireName(type)));
    }
    return valid(where, b::build);
  }

  /** Builds a value, turning the model's complaint into a 400 that says where. */
  private static <T> T valid(String where, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException ex) {
      throw new BadRequest(400, (where.isEmpty() ? "" : where + ": ") + ex.getMessage() + ".");
    }
  }
}
