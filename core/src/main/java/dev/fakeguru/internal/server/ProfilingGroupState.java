package dev.fakeguru.internal.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one profiling group. Every access holds the object's monitor. Internal.
 */
final class ProfilingGroupState {
  final String name;
  final String arn;
  final Instant createdAt;
  final String computePlatform;
  final String clientToken;
  final String creationFingerprint;
  Instant updatedAt;
  boolean profilingEnabled;
  Instant latestAgentOrchestratedAt;
  Instant latestAgentProfileReportedAt;
  final Map<String, String> tags = new LinkedHashMap<>();
  String policy;
  String policyRevisionId;
  final List<String> principals = new ArrayList<>();
  final List<Channel> channels = new ArrayList<>();

  record Channel(String id, String uri, List<String> eventPublishers) {}

  ProfilingGroupState(
      String name,
      String arn,
      Instant createdAt,
      String computePlatform,
      boolean profilingEnabled,
      Map<String, String> tags,
      String clientToken,
      String creationFingerprint) {
    this.name = name;
    this.arn = arn;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.computePlatform = computePlatform;
    this.profilingEnabled = profilingEnabled;
    this.tags.putAll(tags);
    this.clientToken = clientToken;
    this.creationFingerprint = creationFingerprint;
  }

  /** The ProfilingGroupDescription (spec 5.1). Caller holds the monitor. */
  synchronized ObjectNode describe(Instant latestBucketStart) {
    ObjectNode d = Wire.object();
    d.put("name", name);
    d.put("arn", arn);
    d.put("createdAt", Wire.timestamp(createdAt));
    d.put("updatedAt", Wire.timestamp(updatedAt));
    d.put("computePlatform", computePlatform);
    d.putObject("agentOrchestrationConfig").put("profilingEnabled", profilingEnabled);
    ObjectNode status = d.putObject("profilingStatus");
    if (latestAgentOrchestratedAt != null) {
      status.put("latestAgentOrchestratedAt", Wire.timestamp(latestAgentOrchestratedAt));
    }
    if (latestAgentProfileReportedAt != null) {
      status.put("latestAgentProfileReportedAt", Wire.timestamp(latestAgentProfileReportedAt));
    }
    if (latestBucketStart != null) {
      ObjectNode latest = status.putObject("latestAggregatedProfile");
      latest.put("start", Wire.timestamp(latestBucketStart));
      latest.put("period", "PT5M");
    }
    ObjectNode t = d.putObject("tags");
    tags.forEach(t::put);
    return d;
  }
}
