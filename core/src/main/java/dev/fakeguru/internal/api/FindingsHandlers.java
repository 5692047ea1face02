package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.Findings;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.FindingsJson;
import dev.fakeguru.internal.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * GetRecommendations, ListFindingsReports, GetFindingsReportAccountSummary and SubmitFeedback:
 * validated as the model says, answered from the findings tests scripted ({@link Findings}).
 * Thread-safe. Internal.
 */
final class FindingsHandlers {
  private static final List<String> LOCALES =
      List.of(
          "de-DE", "en-GB", "en-US", "es-ES", "fr-FR", "it-IT", "ja-JP", "ko-KR", "pt-BR", "zh-CN",
          "zh-TW");
  private static final String LIST_REPORTS = "ListFindingsReports";
  private static final String ACCOUNT_SUMMARY = "GetFindingsReportAccountSummary";

  private final Engine engine;

  FindingsHandlers(Engine engine) {
    this.engine = engine;
  }

  HttpResponse getRecommendations(Exchange e) {
    HttpRequest req = e.request();
    Instant start = Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Instant end = Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    Params.ordered(start, end);
    // Every locale gets the text as scripted: the fake translates nothing.
    req.queryParam("locale").ifPresent(l -> Params.oneOf("locale", l, LOCALES));
    GroupState g = ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
    Findings.Found found = engine.findings().overlapping(g, start, end);
    ObjectNode out = Wire.object();
    out.put("profilingGroupName", g.name());
    out.put("profileStartTime", Wire.timestamp(start));
    out.put("profileEndTime", Wire.timestamp(end));
    ArrayNode recommendations = out.putArray("recommendations");
    for (Recommendation r : found.recommendations()) {
      recommendations.add(FindingsJson.recommendation(r));
    }
    ArrayNode anomalies = out.putArray("anomalies");
    for (Anomaly a : found.anomalies()) {
      anomalies.add(FindingsJson.anomaly(a));
    }
    return Wire.json(200, out);
  }

  HttpResponse listFindingsReports(Exchange e) {
    HttpRequest req = e.request();
    Instant start = Params.timestamp("startTime", req.queryParam("startTime").orElse(null));
    Instant end = Params.timestamp("endTime", req.queryParam("endTime").orElse(null));
    Params.ordered(start, end);
    // A position is a report of this group in this range.
    Paging paging =
        paging(
            req,
            String.join("|", LIST_REPORTS, e.path("profilingGroupName"), "" + start, "" + end));
    GroupState g = ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
    List<FindingsReport> reports = new ArrayList<>();
    for (FindingsReport r : engine.findings().reports(g)) {
      boolean overlaps = r.profileStartTime().isBefore(end) && r.profileEndTime().isAfter(start);
      if (overlaps && (r.daily() || !paging.dailyOnly)) {
        reports.add(r);
      }
    }
    return page(reports, paging, "findingsReportSummaries", FindingsHandlers::position);
  }

  HttpResponse findingsReportAccountSummary(Exchange e) {
    Paging paging = paging(e.request(), ACCOUNT_SUMMARY);
    List<FindingsReport> latest =
        engine.findings().latestReports(engine.groups().all(), paging.dailyOnly);
    return page(latest, paging, "reportSummaries", FindingsReport::profilingGroupName);
  }

  /** A report's place in ListFindingsReports' order (start, end, id), comparable as text. */
  private static String position(FindingsReport r) {
    return String.format(
        "%020d/%020d/%s",
        microsSinceYearOne(r.profileStartTime()), microsSinceYearOne(r.profileEndTime()), r.id());
  }

  /** Microseconds since year 0001: never negative for an API timestamp, so the text sorts. */
  private static long microsSinceYearOne(Instant t) {
    long fromYearOne = t.getEpochSecond() + 62_135_596_800L;
    return fromYearOne * 1_000_000L + t.getNano() / 1_000;
  }

  /** The paging members of the two report operations; {@code scope} binds their tokens. */
  private record Paging(boolean dailyOnly, int maxResults, String scope, String after) {}

  private Paging paging(HttpRequest req, String operationScope) {
    boolean dailyOnly =
        req.queryParam("dailyReportsOnly")
            .map(v -> Params.bool("dailyReportsOnly", v))
            .orElse(false);
    int max =
        Params.optionalInt(req, "maxResults", 1, 1000)
            .orElse(ProfilingGroupHandlers.DEFAULT_PAGE_SIZE);
    String scope = operationScope + "|" + dailyOnly;
    String after = Params.continueAfter(engine.pageTokens(), req, scope);
    return new Paging(dailyOnly, max, scope, after);
  }

  /**
   * One page of {@code reports} (in order of {@code position}) after the request's token, with a
   * {@code nextToken} when more follow.
   */
  private HttpResponse page(
      List<FindingsReport> reports,
      Paging paging,
      String member,
      Function<FindingsReport, String> position) {
    List<FindingsReport> rest = new ArrayList<>();
    for (FindingsReport r : reports) {
      if (paging.after == null || position.apply(r).compareTo(paging.after) > 0) {
        rest.add(r);
      }
    }
    ObjectNode out = Wire.object();
    ArrayNode arr = out.putArray(member);
    List<FindingsReport> page = rest.subList(0, Math.min(paging.maxResults, rest.size()));
    page.forEach(r -> arr.add(FindingsJson.reportSummary(r)));
    if (rest.size() > page.size()) {
      out.put(
          "nextToken",
          engine.pageTokens().issue(paging.scope, position.apply(page.get(page.size() - 1))));
    }
    return Wire.json(200, out);
  }

  HttpResponse submitFeedback(Exchange e) {
    String anomalyInstanceId = Params.uuid("anomalyInstanceId", e.path("anomalyInstanceId"));
    JsonNode body = Wire.parseBody(e.request().body());
    String type =
        Params.oneOf("type", Params.textField(body, "type"), List.of("Positive", "Negative"));
    String comment = Params.textField(body, "comment");
    String name = e.path("profilingGroupName");
    GroupState g = ProfilingGroupHandlers.requireGroup(engine, name);
    if (!engine
        .findings()
        .submitFeedback(
            g, anomalyInstanceId, FeedbackType.fromWireName(type), comment, e.sequence())) {
      throw ServiceException.notFound(
          "Profiling group '" + name + "' has no anomaly instance '" + anomalyInstanceId + "'.");
    }
    return Wire.noContent();
  }
}
