package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.allowOnly;
import static dev.fakeguru.internal.admin.AdminJson.body;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.noContent;
import static dev.fakeguru.internal.admin.AdminJson.optBoolean;
import static dev.fakeguru.internal.admin.AdminJson.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.GroupDescriptions;
import java.util.Set;

/** {@code profiling-groups}: list, create, describe and delete groups. Thread-safe. Internal. */
final class GroupsResource {
  private final Engine engine;

  GroupsResource(Engine engine) {
    this.engine = engine;
  }

  HttpResponse list(Exchange e) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode names = o.putArray("names");
    ArrayNode arr = o.putArray("profilingGroups");
    for (GroupState g : engine.groups().all()) {
      names.add(g.name());
      arr.add(GroupDescriptions.describe(engine, g));
    }
    return json(200, o);
  }

  HttpResponse create(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("name", "profilingEnabled"));
    String name = requiredText(body, "name");
    if (name.isEmpty() || name.length() > 255 || !name.matches("^[\\w-]+$")) {
      throw new BadRequest(
          400, "name must be 1 to 255 characters of [A-Za-z0-9_-], but was '" + name + "'.");
    }
    boolean enabled = optBoolean(body, "profilingEnabled").orElse(true);
    GroupState g =
        engine
            .groups()
            .createNew(name, enabled)
            .orElseThrow(
                () ->
                    new BadRequest(409, "A profiling group named '" + name + "' already exists."));
    return json(201, GroupDescriptions.describe(engine, g));
  }

  HttpResponse describe(Exchange e) {
    return json(200, GroupDescriptions.describe(engine, require(e.path("name"))));
  }

  HttpResponse delete(Exchange e) {
    if (!engine.deleteGroup(e.path("name"))) {
      throw notFound(e.path("name"));
    }
    return noContent();
  }

  /** The group, or a 404 naming it. */
  GroupState require(String name) {
    return engine.groups().find(name).orElseThrow(() -> notFound(name));
  }

  private static BadRequest notFound(String name) {
    return new BadRequest(404, "No profiling group is named '" + name + "'.");
  }
}
