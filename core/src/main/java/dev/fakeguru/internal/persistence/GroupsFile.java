package dev.fakeguru.internal.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.wire.GroupDescriptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A profiling group as the data directory keeps it: its {@code ProfilingGroupDescription}, plus the
 * durable state the description does not show in members whose names start with {@code _} (the
 * creating client token and its fingerprint, the policy, the channels). {@link GroupsLog} holds one
 * per change; the legacy {@code groups.json} held a JSON array of them. Internal.
 */
final class GroupsFile {
  private static final Pattern NAME = Pattern.compile("^[\\w-]+$");

  private GroupsFile() {}

  /** One group in the file's format: its description plus the members starting with {@code _}. */
  static ObjectNode exportGroup(Engine engine, GroupState g) {
    GroupState.Snapshot s = g.snapshot();
    ObjectNode o =
        GroupDescriptions.describe(s, engine.latestAggregatedStart(s.name()).orElse(null));
    if (s.clientToken() != null) {
      o.put("_clientToken", s.clientToken());
      o.put("_fingerprint", s.creationFingerprint());
    }
    if (s.policy() != null) {
      o.put("_policy", s.policy().document());
      o.put("_policyRevisionId", s.policy().revisionId());
      ArrayNode pr = o.putArray("_principals");
      s.policy().principals().forEach(pr::add);
    }
    ArrayNode ch = o.putArray("_channels");
    for (GroupState.Channel c : s.channels()) {
      ObjectNode co = ch.addObject();
      co.put("id", c.id());
      co.put("uri", c.uri());
      ArrayNode pubs = co.putArray("eventPublishers");
      c.eventPublishers().forEach(pubs::add);
    }
    return o;
  }

  /**
   * Restores one exported group into the engine, replacing any of the same name.
   *
   * @return its name
   * @throws IllegalArgumentException if {@code o} is not an exported group
   */
  static String importGroup(Engine engine, JsonNode o) {
    String name = o.path("name").asText(null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a profiling-group export: bad or missing name " + o.path("name"));
    }
    JsonNode status = o.path("profilingStatus");
    GroupState.Policy policy = null;
    if (o.has("_policy")) {
      List<String> principals = new ArrayList<>();
      o.path("_principals").forEach(x -> principals.add(x.asText()));
      policy =
          new GroupState.Policy(
              o.get("_policy").asText(), o.path("_policyRevisionId").asText(), principals);
    }
    List<GroupState.Channel> channels = new ArrayList<>();
    o.path("_channels")
        .forEach(
            c -> {
              List<String> pubs = new ArrayList<>();
              c.path("eventPublishers").forEach(x -> pubs.add(x.asText()));
              channels.add(
                  new GroupState.Channel(c.path("id").asText(), c.path("uri").asText(), pubs));
            });
    try {
      engine
          .groups()
          .restore(
              GroupState.restore(
                  new GroupState.Snapshot(
                      name,
                      engine.groups().arnOf(name),
                      Instant.parse(o.path("createdAt").asText()),
                      Instant.parse(o.path("updatedAt").asText()),
                      o.path("computePlatform").asText("Default"),
                      o.path("agentOrchestrationConfig").path("profilingEnabled").asBoolean(true),
                      instantOrNull(status, "latestAgentOrchestratedAt"),
                      instantOrNull(status, "latestAgentProfileReportedAt"),
                      tags(o.path("tags")),
                      o.path("_clientToken").asText(null),
                      o.path("_fingerprint").asText(null),
                      policy,
                      channels)));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a profiling-group export: group '" + name + "' has a bad time: " + e.getMessage(),
          e);
    }
    return name;
  }

  private static Instant instantOrNull(JsonNode parent, String field) {
    return parent.has(field) ? Instant.parse(parent.get(field).asText()) : null;
  }

  private static Map<String, String> tags(JsonNode n) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (n.isMissingNode() || n.isNull()) {
      return tags;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(
          "not a profiling-group export: tags must be an object, but were " + n);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException(
            "not a profiling-group export: tag '" + e.getKey() + "' is not a string");
      }
      tags.put(e.getKey(), e.getValue().asText());
    }
    return tags;
  }
}
