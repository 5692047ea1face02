package dev.fakeguru.internal.engine;

import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.EmptyRangePolicy;
import java.time.Clock;
import java.util.Set;

/**
 * What the engine is configured with; fixed for its life. Internal.
 *
 * @param maxRecordedBytes the most bytes the recorded calls and posts may hold together
 * @param maxAggregatedNodes the most call-tree nodes the aggregates may hold
 * @param declaredGroups groups that exist from the start and are created again by every reset
 */
public record EngineSettings(
    String region,
    String accountId,
    Clock clock,
    boolean autoCreateGroups,
    AgentConfiguration agentConfiguration,
    EmptyRangePolicy emptyRangePolicy,
    CodecLimits codecLimits,
    int profilingGroupQuota,
    int maxRecordedCalls,
    int maxRecordedPosts,
    long maxRecordedBytes,
    long maxAggregatedNodes,
    Set<String> declaredGroups) {

  public EngineSettings {
    declaredGroups = Set.copyOf(declaredGroups);
  }
}
