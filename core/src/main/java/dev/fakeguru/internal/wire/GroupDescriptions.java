package dev.fakeguru.internal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import java.time.Instant;

/**
 * The {@code ProfilingGroupDescription} (spec section 5.1) of a group, as DescribeProfilingGroup
 * and its siblings answer it and as the admin API and the data directory show it. Internal.
 */
public final class GroupDescriptions {
  private GroupDescriptions() {}

  /** The description of {@code g} now, with its newest 5-minute aggregate. */
  public static ObjectNode describe(Engine engine, GroupState g) {
    return describe(g.snapshot(), engine.latestAggregatedStart(g.name()).orElse(null));
  }

  /** The description of a snapshot; {@code latestBucketStart} may be null. */
  public static ObjectNode describe(GroupState.Snapshot g, Instant latestBucketStart) {
    ObjectNode d = Wire.object();
    d.put("name", g.name());
    d.put("arn", g.arn());
    d.put("createdAt", Wire.timestamp(g.createdAt()));
    d.put("updatedAt", Wire.timestamp(g.updatedAt()));
    d.put("computePlatform", g.computePlatform());
    d.putObject("agentOrchestrationConfig").put("profilingEnabled", g.profilingEnabled());
    ObjectNode status = d.putObject("profilingStatus");
    if (g.latestAgentOrchestratedAt() != null) {
      status.put("latestAgentOrchestratedAt", Wire.timestamp(g.latestAgentOrchestratedAt()));
    }
    if (g.latestAgentProfileReportedAt() != null) {
      status.put("latestAgentProfileReportedAt", Wire.timestamp(g.latestAgentProfileReportedAt()));
    }
    if (latestBucketStart != null) {
      ObjectNode latest = status.putObject("latestAggregatedProfile");
      latest.put("start", Wire.timestamp(latestBucketStart));
      latest.put("period", "PT5M");
    }
    ObjectNode t = d.putObject("tags");
    g.tags().forEach(t::put);
    return d;
  }
}
