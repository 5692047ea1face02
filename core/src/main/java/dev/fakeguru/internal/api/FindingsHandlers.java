package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import java.time.Instant;
import java.util.List;

/**
 * GetRecommendations, ListFindingsReports, GetFindingsReportAccountSummary and SubmitFeedback:
 * validated as the model says, answered from what the fake found (nothing). Thread-safe. Internal.
 */
final class FindingsHandlers {
  private static final List<String> LOCALES =
      List.of(
          "de-DE", "en-GB", "en-US", "es-ES", "fr-FR", "it-IT", "ja-JP", "ko-KR", "pt-BR", "zh-CN",
          "zh-TW");

  private final Engine engine;

  FindingsHandlers(Engine engine) {
    this.engine = engine;
  }

  HttpResponse getRecommendations(Exchange e) {
    HttpRequest req = e.request();
    Instant start = Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Instant end = Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    req.queryParam("locale").ifPresent(l -> Params.oneOf("locale", l, LOCALES));
    GroupState g = ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
    ObjectNode out = Wire.object();
    out.put("profilingGroupName", g.name());
    out.put("profileStartTime", Wire.timestamp(start));
    out.put("profileEndTime", Wire.timestamp(end));
    out.putArray("recommendations");
    out.putArray("anomalies");
    return Wire.json(200, out);
  }

  HttpResponse listFindingsReports(Exchange e) {
    HttpRequest req = e.request();
    Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    pagingParams(req);
    ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
    ObjectNode out = Wire.object();
    out.putArray("findingsReportSummaries");
    return Wire.json(200, out);
  }

  HttpResponse findingsReportAccountSummary(Exchange e) {
    pagingParams(e.request());
    ObjectNode out = Wire.object();
    out.putArray("reportSummaries");
    return Wire.json(200, out);
  }

  private static void pagingParams(HttpRequest req) {
    req.queryParam("dailyReportsOnly").ifPresent(v -> Params.bool("dailyReportsOnly", v));
    Params.optionalInt(req, "maxResults", 1, 1000);
    req.queryParam("nextToken").ifPresent(t -> Params.token("nextToken", t));
  }

  HttpResponse submitFeedback(Exchange e) {
    String anomalyInstanceId = Params.uuid("anomalyInstanceId", e.path("anomalyInstanceId"));
    JsonNode body = Wire.parseBody(e.request().body());
    Params.oneOf("type", Params.textField(body, "type"), List.of("Positive", "Negative"));
    String name = e.path("profilingGroupName");
    ProfilingGroupHandlers.requireGroup(engine, name);
    // The fake never detects anomalies, so no instance id can exist.
    throw ServiceException.notFound(
        "Profiling group '" + name + "' has no anomaly instance '" + anomalyInstanceId + "'.");
  }
}
