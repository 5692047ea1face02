package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.abbreviate;
import static dev.fakeguru.internal.admin.AdminJson.allowParams;
import static dev.fakeguru.internal.admin.AdminJson.instant;
import static dev.fakeguru.internal.admin.AdminJson.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.Evidence;
import dev.fakeguru.conformance.RuleVerdict;
import dev.fakeguru.conformance.Verdict;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.conformance.ConformanceChecker;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code conformance}: the agent conformance report of a profiling group, as JSON or as the
 * report's plain text ({@code format=text}, or {@code Accept: text/plain}). Thread-safe. Internal.
 */
final class ConformanceResource {
  private final Engine engine;

  ConformanceResource(Engine engine) {
    this.engine = engine;
  }

  HttpResponse report(Exchange e) {
    HttpRequest req = e.request();
    allowParams(req, "group", "since", "format");
    String group =
        req.queryParam("group")
            .orElseThrow(() -> new BadRequest(400, "The query parameter 'group' is required."));
    Instant since = req.queryParam("since").map(v -> instant("since", v)).orElse(null);
    ConformanceReport report = ConformanceChecker.check(engine, group, since, null);
    if (wantsText(req)) {
      return new HttpResponse(
          200,
          Map.of("Content-Type", "text/plain; charset=utf-8"),
          report.toText().getBytes(StandardCharsets.UTF_8));
    }
    return json(200, reportJson(report));
  }

  private static boolean wantsText(HttpRequest req) {
    String format = req.queryParam("format").orElse(null);
    if (format == null) {
      return req.header("accept").orElse("").toLowerCase(Locale.ROOT).contains("text/plain");
    }
    return switch (format) {
      case "text" -> true;
      case "json" -> false;
      default ->
          throw new BadRequest(
              400, "format must be 'json' or 'text', but was '" + abbreviate(format) + "'.");
    };
  }

  private static ObjectNode reportJson(ConformanceReport r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("profilingGroup", r.profilingGroup());
    o.put("since", r.since().map(Instant::toString).orElse(null));
    o.put("madeAt", r.madeAt().toString());
    o.put("firstCallAt", r.firstCallAt().map(Instant::toString).orElse(null));
    o.put("passes", r.passes());
    o.put("agentCalls", r.agentCalls());
    o.put("posts", r.posts());
    ObjectNode counts = o.putObject("counts");
    for (Verdict v : Verdict.values()) {
      counts.put(v.name(), r.verdicts().stream().filter(x -> x.verdict() == v).count());
    }
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode rules = o.putArray("rules");
    for (RuleVerdict v : r.verdicts()) {
      ObjectNode x = rules.addObject();
      x.put("rule", v.rule().id());
      x.put("verdict", v.verdict().name());
      x.put("summary", v.summary());
      x.put("requirement", v.rule().requirement());
      x.put("tolerance", v.rule().tolerance());
      x.put("source", v.rule().source());
      ArrayNode evidence = x.putArray("evidence");
      for (Evidence ev : v.evidence()) {
        ObjectNode y = evidence.addObject();
        ArrayNode seqs = y.putArray("sequences");
        ev.sequences().forEach(seqs::add);
        y.put("at", ev.at().toString());
        y.put("description", ev.description());
      }
    }
    return o;
  }
}
