package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a profiling group carries besides its profiles: the resource policy (GetPolicy,
 * PutPermission, RemovePermission), notification channels (Get/AddNotificationChannels,
 * RemoveNotificationChannel) and tags (ListTagsForResource, TagResource, UntagResource). Compound
 * changes hold the group's monitor. Thread-safe. Internal.
 */
final class GroupSettingsHandlers {
  private static final String ACTION_GROUP = "agentPermissions";
  private static final int MAX_CHANNELS = 2;

  private final Engine engine;

  GroupSettingsHandlers(Engine engine) {
    this.engine = engine;
  }

  private GroupState group(Exchange e) {
    return ProfilingGroupHandlers.requireGroup(engine, e.path("profilingGroupName"));
  }

  // Policy ----------------------------------------------------------------------------------------

  HttpResponse getPolicy(Exchange e) {
    ObjectNode out = Wire.object();
    group(e)
        .policy()
        .ifPresent(
            p -> {
              out.put("policy", p.document());
              out.put("revisionId", p.revisionId());
            });
    return Wire.json(200, out);
  }

  HttpResponse putPermission(Exchange e) {
    Params.oneOf("actionGroup", e.path("actionGroup"), List.of(ACTION_GROUP));
    JsonNode body = Wire.parseBody(e.request().body());
    List<String> principals =
        Params.stringList("principals", Params.requiredField(body, "principals"), 1, 50);
    String revisionId = Params.textField(body, "revisionId");
    if (revisionId != null) {
      Params.uuid("revisionId", revisionId);
    }
    GroupState g = group(e);
    GroupState.Policy updated;
    synchronized (g) {
      GroupState.Policy current = g.policy().orElse(null);
      if (current != null && !current.revisionId().equals(revisionId)) {
        throw ServiceException.conflict(
            "The policy of profiling group '"
                + g.name()
                + "' has revision "
                + current.revisionId()
                + "; pass it as revisionId to change the policy.");
      }
      if (current == null && revisionId != null) {
        throw ServiceException.conflict(
            "Profiling group '"
                + g.name()
                + "' has no policy yet; leave revisionId out of the first PutPermission.");
      }
      updated =
          new GroupState.Policy(
              policyDocument(g.arn(), principals), UUID.randomUUID().toString(), principals);
      g.setPolicy(updated);
    }
    engine.groups().changed(g);
    return policyResponse(updated.document(), updated.revisionId());
  }

  HttpResponse removePermission(Exchange e) {
    Params.oneOf("actionGroup", e.path("actionGroup"), List.of(ACTION_GROUP));
    String revisionId =
        Params.uuid("revisionId", e.request().queryParam("revisionId").orElse(null));
    GroupState g = group(e);
    synchronized (g) {
      GroupState.Policy current =
          g.policy()
              .orElseThrow(
                  () ->
                      ServiceException.notFound(
                          "Profiling group '" + g.name() + "' has no policy."));
      if (!current.revisionId().equals(revisionId)) {
        throw ServiceException.conflict(
            "The policy of profiling group '"
                + g.name()
                + "' has revision "
                + current.revisionId()
                + ", not "
                + revisionId
                + ".");
      }
      g.setPolicy(null);
    }
    engine.groups().changed(g);
    return policyResponse(policyDocument(g.arn(), List.of()), UUID.randomUUID().toString());
  }

  private static HttpResponse policyResponse(String policy, String revisionId) {
    ObjectNode out = Wire.object();
    out.put("policy", policy);
    out.put("revisionId", revisionId);
    return Wire.json(200, out);
  }

  /** The policy document in the shape the CloudFormation provider's tests use. */
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

  HttpResponse getNotificationConfiguration(Exchange e) {
    return notificationResponse(group(e).channels());
  }

  HttpResponse addNotificationChannels(Exchange e) {
    JsonNode body = Wire.parseBody(e.request().body());
    JsonNode channelsNode = Params.requiredField(body, "channels");
    if (!channelsNode.isArray() || channelsNode.size() < 1 || channelsNode.size() > MAX_CHANNELS) {
      throw ServiceException.invalidMember(
          "channels",
          Params.abbreviate(channelsNode.toString()),
          "Member must have length between 1 and 2");
    }
    List<GroupState.Channel> requested = new ArrayList<>();
    for (int i = 0; i < channelsNode.size(); i++) {
      JsonNode ch = channelsNode.get(i);
      String where = "channels." + (i + 1);
      if (!ch.isObject()) {
        throw ServiceException.invalidMember(where, ch.toString(), "Member must be a structure");
      }
      String uri = Params.required(where + ".uri", Params.textField(ch, "uri"));
      List<String> publishers =
          Params.stringList(
              where + ".eventPublishers", Params.requiredField(ch, "eventPublishers"), 1, 1);
      Params.oneOf(where + ".eventPublishers.1", publishers.get(0), List.of("AnomalyDetection"));
      String id = Params.textField(ch, "id");
      id = id == null ? UUID.randomUUID().toString() : Params.uuid(where + ".id", id);
      requested.add(new GroupState.Channel(id, uri, publishers));
    }
    GroupState g = group(e);
    List<GroupState.Channel> now;
    synchronized (g) {
      List<GroupState.Channel> existing = g.channels();
      Set<String> uris = new HashSet<>();
      existing.forEach(c -> uris.add(c.uri()));
      for (GroupState.Channel c : requested) {
        if (!uris.add(c.uri())) {
          throw ServiceException.conflict(
              "Channel '"
                  + c.uri()
                  + "' is already configured for profiling group '"
                  + g.name()
                  + "'.");
        }
      }
      if (existing.size() + requested.size() > MAX_CHANNELS) {
        throw ServiceException.quotaExceeded(
            "A profiling group can have at most 2 notification channels; '"
                + g.name()
                + "' has "
                + existing.size()
                + ".");
      }
      g.addChannels(requested);
      now = g.channels();
    }
    engine.groups().changed(g);
    return notificationResponse(now);
  }

  HttpResponse removeNotificationChannel(Exchange e) {
    String channelId = Params.uuid("channelId", e.path("channelId"));
    GroupState g = group(e);
    List<GroupState.Channel> now;
    synchronized (g) {
      if (!g.removeChannel(channelId)) {
        throw ServiceException.notFound(
            "Profiling group '" + g.name() + "' has no channel '" + channelId + "'.");
      }
      now = g.channels();
    }
    engine.groups().changed(g);
    return notificationResponse(now);
  }

  private static HttpResponse notificationResponse(List<GroupState.Channel> channels) {
    ObjectNode out = Wire.object();
    ObjectNode config = out.putObject("notificationConfiguration");
    if (!channels.isEmpty()) {
      ArrayNode arr = config.putArray("channels");
      for (GroupState.Channel c : channels) {
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

  private GroupState groupByArn(Exchange e) {
    String arn = e.path("resourceArn");
    return engine.groups().requireByArn(arn, Params.abbreviate(arn));
  }

  HttpResponse listTags(Exchange e) {
    ObjectNode out = Wire.object();
    ObjectNode tags = out.putObject("tags");
    groupByArn(e).tags().forEach(tags::put);
    return Wire.json(200, out);
  }

  HttpResponse tagResource(Exchange e) {
    JsonNode body = Wire.parseBody(e.request().body());
    Params.requiredField(body, "tags");
    Map<String, String> tags = Params.stringMap(body, "tags");
    GroupState g = groupByArn(e);
    g.putTags(tags);
    engine.groups().changed(g);
    return Wire.noContent();
  }

  HttpResponse untagResource(Exchange e) {
    HttpRequest req = e.request();
    List<String> keys = req.queryParams("tagKeys");
    if (keys.isEmpty()) {
      throw ServiceException.invalidMember("tagKeys", null, "Member must not be null");
    }
    GroupState g = groupByArn(e);
    g.removeTags(keys);
    engine.groups().changed(g);
    return Wire.noContent();
  }
}
