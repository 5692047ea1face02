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
import dev.fakeguru.internal.wire.GroupDescriptions;
import dev.fakeguru.internal.wire.Wire;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Create, Describe, Update, Delete and ListProfilingGroups: the group registry as the API shows it.
 * Thread-safe. Internal.
 */
final class ProfilingGroupHandlers {
  static final int DEFAULT_PAGE_SIZE = 100;

  /** Where ListProfilingGroups' page tokens are good. */
  private static final String PAGE_SCOPE = "ListProfilingGroups";

  private static final Set<String> COMPUTE_PLATFORMS = Set.of("Default", "AWSLambda");

  private final Engine engine;

  ProfilingGroupHandlers(Engine engine) {
    this.engine = engine;
  }

  /** The existing group named in the path, its name validated; auto-created when configured. */
  static GroupState requireGroup(Engine engine, String name) {
    Params.profilingGroupName("profilingGroupName", name);
    return engine.groups().require(name);
  }

  HttpResponse create(Exchange e) {
    HttpRequest req = e.request();
    String clientToken = Params.token("clientToken", req.queryParam("clientToken").orElse(null));
    JsonNode body = Wire.parseBody(req.body());
    String name =
        Params.profilingGroupName(
            "profilingGroupName", Params.textField(body, "profilingGroupName"));
    String platform = Params.textField(body, "computePlatform");
    platform =
        platform == null ? "Default" : Params.oneOf("computePlatform", platform, COMPUTE_PLATFORMS);
    boolean enabled = true;
    JsonNode orchestration = body.get("agentOrchestrationConfig");
    if (orchestration != null && !orchestration.isNull()) {
      enabled = profilingEnabled(orchestration);
    }
    Map<String, String> tags = Params.stringMap(body, "tags");
    String fingerprint = name + "|" + platform + "|" + enabled + "|" + tags;
    GroupState g = engine.groups().create(name, platform, enabled, tags, clientToken, fingerprint);
    return Wire.json(201, GroupDescriptions.describe(engine, g));
  }

  HttpResponse describe(Exchange e) {
    return Wire.json(
        200,
        GroupDescriptions.describe(engine, requireGroup(engine, e.path("profilingGroupName"))));
  }

  HttpResponse update(Exchange e) {
    JsonNode body = Wire.parseBody(e.request().body());
    GroupState g = requireGroup(engine, e.path("profilingGroupName"));
    boolean enabled = profilingEnabled(Params.requiredField(body, "agentOrchestrationConfig"));
    g.setProfilingEnabled(enabled, engine.now());
    engine.groups().changed(g);
    return Wire.json(200, GroupDescriptions.describe(engine, g));
  }

  private static boolean profilingEnabled(JsonNode orchestration) {
    if (!orchestration.isObject()) {
      throw ServiceException.invalidMember(
          "agentOrchestrationConfig", orchestration.toString(), "Member must be a structure");
    }
    return Params.booleanField(
        orchestration, "profilingEnabled", "agentOrchestrationConfig.profilingEnabled");
  }

  HttpResponse delete(Exchange e) {
    String name = Params.profilingGroupName("profilingGroupName", e.path("profilingGroupName"));
    if (!engine.deleteGroup(name)) {
      throw ServiceException.groupNotFound(name);
    }
    return Wire.noContent();
  }

  HttpResponse list(Exchange e) {
    HttpRequest req = e.request();
    boolean includeDescription =
        req.queryParam("includeDescription")
            .map(v -> Params.bool("includeDescription", v))
            .orElse(false);
    int max = Params.optionalInt(req, "maxResults", 1, 1000).orElse(DEFAULT_PAGE_SIZE);
    String after = Params.continueAfter(engine.pageTokens(), req, PAGE_SCOPE);
    List<GroupState> page = new ArrayList<>();
    Iterator<GroupState> it = engine.groups().after(after).iterator();
    while (it.hasNext() && page.size() < max) {
      page.add(it.next());
    }
    ObjectNode out = Wire.object();
    ArrayNode names = out.putArray("profilingGroupNames");
    page.forEach(g -> names.add(g.name()));
    if (includeDescription) {
      ArrayNode descriptions = out.putArray("profilingGroups");
      page.forEach(g -> descriptions.add(GroupDescriptions.describe(engine, g)));
    }
    if (it.hasNext()) {
      out.put("nextToken", engine.pageTokens().issue(PAGE_SCOPE, page.get(page.size() - 1).name()));
    }
    return Wire.json(200, out);
  }
}
