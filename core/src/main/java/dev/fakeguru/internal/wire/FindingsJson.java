package dev.fakeguru.internal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.internal.engine.GroupState;
import java.util.List;

/**
 * The findings as the API's shapes (spec section 5.1): {@code Recommendation}, {@code Anomaly},
 * {@code FindingsReportSummary}, as GetRecommendations and the reports operations answer them and
 * as the admin API shows them; and the notification a channel would get. Internal.
 */
public final class FindingsJson {
  private FindingsJson() {}

  public static ObjectNode recommendation(Recommendation r) {
    ObjectNode o = Wire.object();
    o.put("allMatchesCount", r.allMatchesCount());
    o.put("allMatchesSum", r.allMatchesSum());
    o.put("startTime", Wire.timestamp(r.startTime()));
    o.put("endTime", Wire.timestamp(r.endTime()));
    o.set("pattern", pattern(r.pattern()));
    matches(o.putArray("topMatches"), r.topMatches());
    return o;
  }

  /** A match list in the API's {@code Match} shape. */
  public static void matches(ArrayNode into, List<Match> matches) {
    for (Match m : matches) {
      into.addObject()
          .put("frameAddress", m.frameAddress())
          .put("targetFramesIndex", m.targetFramesIndex())
          .put("thresholdBreachValue", m.thresholdBreachValue());
    }
  }

  public static ObjectNode pattern(Pattern p) {
    ObjectNode o = Wire.object();
    o.put("id", p.id());
    o.put("name", p.name());
    p.description().ifPresent(d -> o.put("description", d));
    p.resolutionSteps().ifPresent(s -> o.put("resolutionSteps", s));
    ArrayNode targets = o.putArray("targetFrames");
    for (List<String> chain : p.targetFrames()) {
      strings(targets.addArray(), chain);
    }
    o.put("thresholdPercent", p.thresholdPercent());
    strings(o.putArray("countersToAggregate"), p.countersToAggregate());
    return o;
  }

  public static ObjectNode anomaly(Anomaly a) {
    ObjectNode o = Wire.object();
    ObjectNode metric = o.putObject("metric");
    metric.put("frameName", a.metric().frameName());
    metric.put("type", a.metric().type());
    strings(metric.putArray("threadStates"), a.metric().threadStates());
    o.put("reason", a.reason());
    ArrayNode instances = o.putArray("instances");
    for (AnomalyInstance i : a.instances()) {
      ObjectNode n = instances.addObject();
      n.put("id", i.id());
      n.put("startTime", Wire.timestamp(i.startTime()));
      i.endTime().ifPresent(end -> n.put("endTime", Wire.timestamp(end)));
      i.userFeedback().ifPresent(f -> n.putObject("userFeedback").put("type", f.wireName()));
    }
    return o;
  }

  public static ObjectNode reportSummary(FindingsReport r) {
    ObjectNode o = Wire.object();
    o.put("id", r.id());
    o.put("profilingGroupName", r.profilingGroupName());
    o.put("profileStartTime", Wire.timestamp(r.profileStartTime()));
    o.put("profileEndTime", Wire.timestamp(r.profileEndTime()));
    o.put("totalNumberOfFindings", r.totalNumberOfFindings());
    return o;
  }

  /**
   * What a channel would get about one anomaly instance ({@code anomaly} holds just that one):
   * FakeGuru's own form, since AWS documents none.
   */
  public static String notificationPayload(
      GroupState group, GroupState.Channel channel, Anomaly anomaly) {
    ObjectNode o = Wire.object();
    o.put("eventPublisher", RecordedNotification.ANOMALY_DETECTION);
    o.put("profilingGroupName", group.name());
    o.put("profilingGroupArn", group.arn());
    o.put("channelId", channel.id());
    o.set("anomaly", anomaly(anomaly));
    return o.toString();
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }
}
