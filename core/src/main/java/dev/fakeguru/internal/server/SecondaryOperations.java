package dev.fakeguru.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.aggregation.AggregationPeriod;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The operations agents and typical tests rarely use, with honest minimal state: policy, notification
 * channels, tags, recommendations, findings reports, feedback and frame metrics. Internal.
 */
final class SecondaryOperations {
  private static final String ACTION_GROUP = "agentPermissions";

  private final CodeGuruService service;

  SecondaryOperations(CodeGuruService service) {
    this.service = service;
  }

  // Policy ----------------------------------------------------------------------------------------

  HttpResponse getPolicy(String name) {
    ProfilingGroupState g = service.requireGroup(name);
    ObjectNode out = Wire.object();
    synchronized (g) {
      if (g.policy != null) {
        out.put("policy", g.policy);
        out.put("revisionId", g.policyRevisionId);
      }
    }
    return Wire.json(200, out);
  }

  HttpResponse putPermission(String name, String actionGroup, HttpRequest req) {
    Params.oneOf("actionGroup", actionGroup, List.of(ACTION_GROUP));
    JsonNode body = Wire.parseBody(req.body());
    JsonNode principalsNode = Params.requiredField(body, "principals");
    List<String> principals = stringList("principals", principalsNode, 1, 50);
    String revisionId = Params.textField(body, "revisionId");
    if (revisionId != null) {
      Params.uuid("revisionId", revisionId);
    }
    ProfilingGroupState g = service.requireGroup(name);
    HttpResponse r;
    synchronized (g) {
      if (g.policy != null && !g.policyRevisionId.equals(revisionId)) {
        throw ServiceException.conflict(
            "The policy of profiling group '"
                + name
                + "' has revision "
                + g.policyRevisionId
                + "; pass it as revisionId to change the policy.");
      }
      if (g.policy == null && revisionId != null) {
        throw ServiceException.conflict(
            "Profiling group '" + name + "' has no policy yet; leave revisionId out of the first PutPermission.");
      }
      g.principals.clear();
      g.principals.addAll(principals);
      g.policy = policyDocument(g.arn, principals);
      g.policyRevisionId = UUID.randomUUID().toString();
      r = policyResponse(g.policy, g.policyRevisionId);
    }
    service.groupsChanged();
    return r;
  }

  HttpResponse removePermission(String name, String actionGroup, HttpRequest req) {
    Params.oneOf("actionGroup", actionGroup, List.of(ACTION_GROUP));
    String revisionId = Params.uuid("revisionId", req.queryParam("revisionId").orElse(null));
    ProfilingGroupState g = service.requireGroup(name);
    synchronized (g) {
      if (g.policy == null) {
        throw ServiceException.notFound("Profiling group '" + name + "' has no policy.");
      }
      if (!g.policyRevisionId.equals(revisionId)) {
        throw ServiceException.conflict(
            "The policy of profiling group '" + name + "' has revision " + g.policyRevisionId + ", not " + revisionId + ".");
      }
      g.principals.clear();
      g.policy = null;
      g.policyRevisionId = null;
    }
    service.groupsChanged();
    return policyResponse(policyDocument(g.arn, List.of()), UUID.randomUUID().toString());
  }

  private static HttpResponse policyResponse(String policy, String revisionId) {
    ObjectNode out = Wire.object();
    out.put("policy", policy);
    out.put("revisionId", revisionId);
    return Wire.json(200, out);
  }

  private static String policyDocument(String arn, List<String> principals) {
    ObjectNode doc = Wire.object();
    doc.put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    if (!principals.isEmpty()) {
      ObjectNode st = statements.addObject();
      st.put("Sid", ACTION_GROUP + "-statement");
      st.put("Effect", "Allow");
      ObjectNode principal = st.putObject("Principal");
      if (principals.size() == 1) {
        principal.put("AWS", principals.get(0));
      } else {
        ArrayNode aws = principal.putArray("AWS");
        principals.forEach(aws::add);
      }
      ArrayNode actions = st.putArray("Action");
      actions.add("codeguru-profiler:ConfigureAgent");
      actions.add("codeguru-profiler:PostAgentProfile");
      st.put("Resource", arn);
    }
    return doc.toString();
  }

  // Notification channels ---------------------------------------------------------------------

  HttpResponse getNotificationConfiguration(String name) {
    ProfilingGroupState g = service.requireGroup(name);
    synchronized (g) {
      return notificationResponse(g);
    }
  }

  HttpResponse addNotificationChannels(String name, HttpRequest req) {
    JsonNode body = Wire.parseBody(req.body());
    JsonNode channelsNode = Params.requiredField(body, "channels");
    if (!channelsNode.isArray() || channelsNode.size() < 1 || channelsNode.size() > 2) {
      throw ServiceException.invalidMember(
          "channels", Params.abbreviate(channelsNode.toString()), "Member must have length between 1 and 2");
    }
    List<ProfilingGroupState.Channel> requested = new ArrayList<>();
    for (int i = 0; i < channelsNode.size(); i++) {
      JsonNode ch = channelsNode.get(i);
      String where = "channels." + (i + 1);
      if (!ch.isObject()) {
        throw ServiceException.invalidMember(where, ch.toString(), "Member must be a structure");
      }
      String uri = Params.required(where + ".uri", Params.textField(ch, "uri"));
      List<String> publishers = stringList(where + ".eventPublishers", Params.requiredField(ch, "eventPublishers"), 1, 1);
      Params.oneOf(where + ".eventPublishers.1", publishers.get(0), List.of("AnomalyDetection"));
      String id = Params.textField(ch, "id");
      id = id == null ? UUID.randomUUID().toString() : Params.uuid(where + ".id", id);
      requested.add(new ProfilingGroupState.Channel(id, uri, publishers));
    }
    ProfilingGroupState g = service.requireGroup(name);
    HttpResponse r;
    synchronized (g) {
      Set<String> uris = new HashSet<>();
      g.channels.forEach(c -> uris.add(c.uri()));
      for (ProfilingGroupState.Channel c : requested) {
        if (!uris.add(c.uri())) {
          throw ServiceException.conflict("Channel '" + c.uri() + "' is already configured for profiling group '" + name + "'.");
        }
      }
      if (g.channels.size() + requested.size() > 2) {
        throw ServiceException.quotaExceeded(
            "A profiling group can have at most 2 notification channels; '" + name + "' has " + g.channels.size() + ".");
      }
      g.channels.addAll(requested);
      r = notificationResponse(g);
    }
    service.groupsChanged();
    return r;
  }

  HttpResponse removeNotificationChannel(String name, String channelId) {
    Params.uuid("channelId", channelId);
    ProfilingGroupState g = service.requireGroup(name);
    HttpResponse r;
    synchronized (g) {
      if (!g.channels.removeIf(c -> c.id().equals(channelId))) {
        throw ServiceException.notFound("Profiling group '" + name + "' has no channel '" + channelId + "'.");
      }
      r = notificationResponse(g);
    }
    service.groupsChanged();
    return r;
  }

  private static HttpResponse notificationResponse(ProfilingGroupState g) {
    ObjectNode out = Wire.object();
    ObjectNode config = out.putObject("notificationConfiguration");
    if (!g.channels.isEmpty()) {
      ArrayNode arr = config.putArray("channels");
      for (ProfilingGroupState.Channel c : g.channels) {
        ObjectNode ch = arr.addObject();
        ch.put("id", c.id());
        ch.put("uri", c.uri());
        ArrayNode pubs = ch.putArray("eventPublishers");
        c.eventPublishers().forEach(pubs::add);
      }
    }
    return Wire.json(200, out);
  }

  // Tags ----------------------------------------------------------------------------------------

  HttpResponse listTags(String arn) {
    ProfilingGroupState g = service.groupByArn(arn);
    ObjectNode out = Wire.object();
    ObjectNode tags = out.putObject("tags");
    synchronized (g) {
      g.tags.forEach(tags::put);
    }
    return Wire.json(200, out);
  }

  HttpResponse tagResource(String arn, HttpRequest req) {
    JsonNode body = Wire.parseBody(req.body());
    Params.requiredField(body, "tags");
    Map<String, String> tags = CodeGuruService.tagsField(body, "tags");
    ProfilingGroupState g = service.groupByArn(arn);
    synchronized (g) {
      g.tags.putAll(tags);
    }
    service.groupsChanged();
    return Wire.noContent();
  }

  HttpResponse untagResource(String arn, HttpRequest req) {
    List<String> keys = req.queryParams("tagKeys");
    if (keys.isEmpty()) {
      throw ServiceException.invalidMember("tagKeys", null, "Member must not be null");
    }
    ProfilingGroupState g = service.groupByArn(arn);
    synchronized (g) {
      keys.forEach(g.tags::remove);
    }
    service.groupsChanged();
    return Wire.noContent();
  }

  // Recommendations, findings, feedback ---------------------------------------------------------

  HttpResponse getRecommendations(String name, HttpRequest req) {
    Instant start = Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Instant end = Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    req.queryParam("locale").ifPresent(l -> Params.oneOf("locale", l, List.of(
        "de-DE", "en-GB", "en-US", "es-ES", "fr-FR", "it-IT", "ja-JP", "ko-KR", "pt-BR", "zh-CN", "zh-TW")));
    ProfilingGroupState g = service.requireGroup(name);
    ObjectNode out = Wire.object();
    out.put("profilingGroupName", g.name);
    out.put("profileStartTime", Wire.timestamp(start));
    out.put("profileEndTime", Wire.timestamp(end));
    out.putArray("recommendations");
    out.putArray("anomalies");
    return Wire.json(200, out);
  }

  HttpResponse listFindingsReports(String name, HttpRequest req) {
    Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    pagingParams(req);
    service.requireGroup(name);
    ObjectNode out = Wire.object();
    out.putArray("findingsReportSummaries");
    return Wire.json(200, out);
  }

  HttpResponse findingsReportAccountSummary(HttpRequest req) {
    pagingParams(req);
    ObjectNode out = Wire.object();
    out.putArray("reportSummaries");
    return Wire.json(200, out);
  }

  private static void pagingParams(HttpRequest req) {
    req.queryParam("dailyReportsOnly").ifPresent(v -> Params.bool("dailyReportsOnly", v));
    Params.optionalInt(req, "maxResults", 1, 1000);
    req.queryParam("nextToken").ifPresent(t -> Params.token("nextToken", t));
  }

  HttpResponse submitFeedback(String name, String anomalyInstanceId, HttpRequest req) {
    Params.uuid("anomalyInstanceId", anomalyInstanceId);
    JsonNode body = Wire.parseBody(req.body());
    Params.oneOf("type", Params.textField(body, "type"), List.of("Positive", "Negative"));
    service.requireGroup(name);
    // The fake never detects anomalies, so no instance id can exist.
    throw ServiceException.notFound(
        "Profiling group '" + name + "' has no anomaly instance '" + anomalyInstanceId + "'.");
  }

  // Frame metrics -------------------------------------------------------------------------------

  HttpResponse batchGetFrameMetricData(String name, HttpRequest req) {
    Optional<Instant> startParam = Params.optionalTimestamp(req, "startTime");
    Optional<Instant> endParam = Params.optionalTimestamp(req, "endTime");
    Optional<Duration> period = req.queryParam("period").map(p -> Params.duration("period", p));
    if (period.isPresent() && period.get().compareTo(Duration.ofDays(1)) > 0) {
      throw ServiceException.invalidMember("period", req.queryParam("period").get(), "Member must be at most 1 day (P1D)");
    }
    String resolutionWire = req.queryParam("targetResolution").map(
        r -> Params.oneOf("targetResolution", r, List.of("PT5M", "PT1H", "P1D"))).orElse("PT5M");
    JsonNode body = Wire.parseBody(req.body());
    JsonNode metricsNode = body.get("frameMetrics");
    List<JsonNode> metrics = new ArrayList<>();
    if (metricsNode != null && !metricsNode.isNull()) {
      if (!metricsNode.isArray()) {
        throw ServiceException.invalidMember("frameMetrics", metricsNode.toString(), "Member must be a list");
      }
      for (int i = 0; i < metricsNode.size(); i++) {
        JsonNode fm = metricsNode.get(i);
        String where = "frameMetrics." + (i + 1);
        Params.required(where + ".frameName", Params.textField(fm, "frameName"));
        Params.oneOf(where + ".type", Params.textField(fm, "type"), List.of("AggregatedRelativeTotalTime"));
        stringList(where + ".threadStates", Params.requiredField(fm, "threadStates"), 0, 1000);
        metrics.add(fm);
      }
    }
    ProfilingGroupState g = service.requireGroup(name);
    Instant now = service.now();
    Instant end = endParam.orElseGet(() -> startParam.map(s -> s.plus(period.orElse(Duration.ofHours(1)))).orElse(now));
    Instant start = startParam.orElseGet(() -> end.minus(period.orElse(Duration.ofHours(1))));
    if (!start.isBefore(end)) {
      throw ServiceException.validation("startTime must be before endTime.");
    }
    AggregationPeriod resolution = AggregationPeriod.fromWire(resolutionWire).orElseThrow();
    // Fall back to a coarser resolution when the requested one is no longer retained.
    while (resolution != AggregationPeriod.P1D && resolution.bucketStart(start).plus(resolution.retention()).isBefore(now)) {
      resolution = AggregationPeriod.values()[resolution.ordinal() + 1];
    }
    List<Instant> bucketStarts = new ArrayList<>();
    for (Instant t = resolution.bucketStart(start); t.isBefore(end); t = t.plus(resolution.duration())) {
      bucketStarts.add(t);
      if (bucketStarts.size() > 10_000) {
        throw ServiceException.validation("The range holds more than 10000 buckets at " + resolution + "; narrow it.");
      }
    }
    ObjectNode out = Wire.object();
    out.put("startTime", Wire.timestamp(start));
    out.put("endTime", Wire.timestamp(end));
    out.put("resolution", resolution.name());
    ArrayNode endTimes = out.putArray("endTimes");
    List<Optional<Profile>> buckets = new ArrayList<>();
    for (Instant b : bucketStarts) {
      Instant bucketEnd = b.plus(resolution.duration());
      endTimes.addObject().put("value", Wire.timestamp(bucketEnd));
      buckets.add(service.aggregator().aggregate(g.name, b, bucketEnd));
    }
    ArrayNode data = out.putArray("frameMetricData");
    for (JsonNode fm : metrics) {
      ObjectNode datum = data.addObject();
      datum.set("frameMetric", fm.deepCopy());
      ArrayNode values = datum.putArray("values");
      String frame = fm.get("frameName").asText();
      List<String> states = stringList("threadStates", fm.get("threadStates"), 0, 1000);
      for (Optional<Profile> bucket : buckets) {
        values.add(bucket.map(p -> relativeTotalTime(p, frame, states)).orElse(0.0));
      }
    }
    out.putObject("unprocessedEndTimes");
    return Wire.json(200, out);
  }

  /**
   * The share of samples (of the given thread states, or all counters when none are given) whose stack
   * contains the frame; a frame that calls itself is counted once per stack.
   */
  static double relativeTotalTime(Profile p, String frame, List<String> states) {
    CallTreeNode root = p.callTree();
    long all = sum(root.totalCounts(), states);
    if (all == 0) {
      return 0.0;
    }
    long inFrame = 0;
    for (LocatedNode n : root.walk()) {
      if (n.frame().equals(frame) && !hasAncestorFrame(n, frame)) {
        inFrame += sum(n.node().totalCounts(), states);
      }
    }
    return (double) inFrame / all;
  }

  private static boolean hasAncestorFrame(LocatedNode n, String frame) {
    for (LocatedNode a = n.parent(); a != null; a = a.parent()) {
      if (a.frame().equals(frame)) {
        return true;
      }
    }
    return false;
  }

  private static long sum(Map<String, Long> counts, List<String> states) {
    long s = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (states.isEmpty() || states.contains(e.getKey())) {
        s += e.getValue();
      }
    }
    return s;
  }

  private static List<String> stringList(String member, JsonNode node, int min, int max) {
    if (!node.isArray()) {
      throw ServiceException.invalidMember(member, Params.abbreviate(node.toString()), "Member must be a list of strings");
    }
    if (node.size() < min || node.size() > max) {
      throw ServiceException.invalidMember(
          member, Params.abbreviate(node.toString()), "Member must have length between " + min + " and " + max);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw ServiceException.invalidMember(member, Params.abbreviate(node.toString()), "Member must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }
}
