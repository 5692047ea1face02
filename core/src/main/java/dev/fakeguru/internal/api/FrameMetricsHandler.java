package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.aggregation.AggregationPeriod;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.FrameShares;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BatchGetFrameMetricData, computed from the stored aggregation: per bucket of the target
 * resolution (coarser where the finer one has expired), the share of samples whose stack holds each
 * frame. Thread-safe. Internal.
 */
final class FrameMetricsHandler {
  private final Engine engine;

  FrameMetricsHandler(Engine engine) {
    this.engine = engine;
  }

  HttpResponse batchGetFrameMetricData(Exchange e) {
    HttpRequest req = e.request();
    Optional<Instant> startParam = Params.optionalTimestamp(req, "startTime");
    Optional<Instant> endParam = Params.optionalTimestamp(req, "endTime");
    Optional<Duration> period = req.queryParam("period").map(p -> Params.duration("period", p));
    if (period.isPresent() && period.get().compareTo(Duration.ofDays(1)) > 0) {
      throw ServiceException.invalidMember(
          "period", req.queryParam("period").get(), "Member must be at most 1 day (P1D)");
    }
    String resolutionWire =
        req.queryParam("targetResolution")
            .map(r -> Params.oneOf("targetResolution", r, List.of("PT5M", "PT1H", "P1D")))
            .orElse("PT5M");
    JsonNode body = Wire.parseBody(req.body());
    JsonNode metricsNode = body.get("frameMetrics");
    List<JsonNode> metrics = new ArrayList<>();
    if (metricsNode != null && !metricsNode.isNull()) {
      if (!metricsNode.isArray()) {
        throw ServiceException.invalidMember(
            "frameMetrics", metricsNode.toString(), "Member must be a list");
      }
      for (int i = 0; i < metricsNode.size(); i++) {
        JsonNode fm = metricsNode.get(i);
        String where = "frameMetrics." + (i + 1);
        Params.required(where + ".frameName", Params.textField(fm, "frameName"));
        Params.oneOf(
            where + ".type", Params.textField(fm, "type"), List.of("AggregatedRelativeTotalTime"));
        Params.stringList(
            where + ".threadStates", Params.requiredField(fm, "threadStates"), 0, 1000);
        metrics.add(fm);
      }
    }
    GroupState g = ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
    Instant now = engine.now();
    Instant end =
        endParam.orElseGet(
            () -> startParam.map(s -> s.plus(period.orElse(Duration.ofHours(1)))).orElse(now));
    Instant start = startParam.orElseGet(() -> end.minus(period.orElse(Duration.ofHours(1))));
    if (!start.isBefore(end)) {
      throw ServiceException.validation("startTime must be before endTime.");
    }
    AggregationPeriod resolution = AggregationPeriod.fromWire(resolutionWire).orElseThrow();
    // Fall back to a coarser resolution when the requested one is no longer retained.
    while (resolution != AggregationPeriod.P1D
        && resolution.bucketStart(start).plus(resolution.retention()).isBefore(now)) {
      resolution = AggregationPeriod.values()[resolution.ordinal() + 1];
    }
    List<Instant> bucketStarts = new ArrayList<>();
    for (Instant t = resolution.bucketStart(start);
        t.isBefore(end);
        t = t.plus(resolution.duration())) {
      bucketStarts.add(t);
      if (bucketStarts.size() > 10_000) {
        throw ServiceException.validation(
            "The range holds more than 10000 buckets at " + resolution + "; narrow it.");
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
      buckets.add(engine.aggregatedProfile(g.name(), b, bucketEnd));
    }
    ArrayNode data = out.putArray("frameMetricData");
    for (JsonNode fm : metrics) {
      ObjectNode datum = data.addObject();
      datum.set("frameMetric", fm.deepCopy());
      ArrayNode values = datum.putArray("values");
      String frame = fm.get("frameName").asText();
      List<String> states = Params.stringList("threadStates", fm.get("threadStates"), 0, 1000);
      for (Optional<Profile> bucket : buckets) {
        values.add(bucket.map(p -> FrameShares.relativeTotalTime(p, frame, states)).orElse(0.0));
      }
    }
    out.putObject("unprocessedEndTimes");
    return Wire.json(200, out);
  }
}
