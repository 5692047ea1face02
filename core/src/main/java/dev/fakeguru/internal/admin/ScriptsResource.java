package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.abbreviate;
import static dev.fakeguru.internal.admin.AdminJson.allowOnly;
import static dev.fakeguru.internal.admin.AdminJson.body;
import static dev.fakeguru.internal.admin.AdminJson.instant;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.optBoolean;
import static dev.fakeguru.internal.admin.AdminJson.optInt;
import static dev.fakeguru.internal.admin.AdminJson.optText;
import static dev.fakeguru.internal.admin.AdminJson.positive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code scripts}: scripted GetProfile and ConfigureAgent answers. Thread-safe. Internal. */
final class ScriptsResource {
  private final Engine engine;

  ScriptsResource(Engine engine) {
    this.engine = engine;
  }

  HttpResponse getProfile(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(
        body,
        "",
        Set.of(
            "group",
            "profile",
            "bodyBase64",
            "contentType",
            "format",
            "gzip",
            "start",
            "end",
            "fallback"));
    Optional<String> group = optText(body, "group");
    Optional<String> startText = optText(body, "start");
    Optional<String> endText = optText(body, "end");
    if (startText.isPresent() != endText.isPresent()) {
      throw new BadRequest(
          400,
          "start and end go together: give both (an exact range) or neither (a queued answer).");
    }
    Instant rangeStart = startText.map(t -> instant("start", t)).orElse(null);
    Instant rangeEnd = endText.map(t -> instant("end", t)).orElse(null);
    if (rangeStart != null && !rangeStart.isBefore(rangeEnd)) {
      throw new BadRequest(
          400,
          "start must be before end, but start is " + rangeStart + " and end is " + rangeEnd + ".");
    }
    boolean fallback = optBoolean(body, "fallback").orElse(false);
    if (fallback && (group.isPresent() || rangeStart != null)) {
      throw new BadRequest(
          400,
          "fallback applies to every group and range: it cannot be combined with group, start or end.");
    }
    JsonNode profileNode = body.get("profile");
    boolean hasProfile = profileNode != null && !profileNode.isNull();
    Optional<String> base64 = optText(body, "bodyBase64");
    if (hasProfile == base64.isPresent()) {
      throw new BadRequest(
          400,
          "Give exactly one of profile (agent-format JSON) and bodyBase64 (with contentType).");
    }
    ScriptedProfileResponse response;
    if (hasProfile) {
      if (!profileNode.isObject()) {
        throw new BadRequest(
            400,
            "profile must be an agent-format JSON object, but was "
                + abbreviate(profileNode.toString())
                + ".");
      }
      if (body.has("contentType")) {
        throw new BadRequest(
            400, "contentType only applies with bodyBase64; use format with profile.");
      }
      Profile profile;
      try {
        profile =
            ProfileDecoder.decode(
                JSON.writeValueAsBytes(profileNode), ProfileFormat.JSON, CodecLimits.defaults());
      } catch (IOException | RuntimeException ex) {
        throw new BadRequest(
            400, "profile is not a valid agent-format profile: " + ex.getMessage());
      }
      Optional<String> format = optText(body, "format");
      response =
          format.isEmpty()
              ? ScriptedProfileResponse.of(profile)
              : ScriptedProfileResponse.of(
                  profile,
                  switch (format.get()) {
                    case "json" -> ProfileFormat.JSON;
                    case "ionText" -> ProfileFormat.ION_TEXT;
                    case "ionBinary" -> ProfileFormat.ION_BINARY;
                    default ->
                        throw new BadRequest(
                            400,
                            "format must be \"json\", \"ionText\" or \"ionBinary\", but was \""
                                + format.get()
                                + "\".");
                  });
    } else {
      if (body.has("format")) {
        throw new BadRequest(400, "format only applies with profile; bodyBase64 is sent as is.");
      }
      String contentType =
          optText(body, "contentType")
              .orElseThrow(() -> new BadRequest(400, "contentType is required with bodyBase64."));
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(base64.get());
      } catch (IllegalArgumentException ex) {
        throw new BadRequest(400, "bodyBase64 is not valid base64: " + ex.getMessage());
      }
      response = ScriptedProfileResponse.ofBytes(bytes, contentType);
    }
    if (optBoolean(body, "gzip").orElse(false)) {
      response = response.gzipped();
    }
    String target = group.map(g -> "profiling group '" + g + "'").orElse("any profiling group");
    String description;
    if (fallback) {
      engine.scripts().setProfileFallback(response);
      description = response + " whenever no queued or range answer applies";
    } else if (rangeStart != null) {
      engine.scripts().answerRange(group.orElse(null), rangeStart, rangeEnd, response);
      description =
          response
              + " for every call of "
              + target
              + " for exactly "
              + rangeStart
              + " to "
              + rangeEnd;
    } else {
      engine.scripts().enqueueProfile(group.orElse(null), response);
      description = response + " for " + target;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("description", description);
    return json(201, o);
  }

  HttpResponse configureAgent(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(body, "", Set.of("group", "shouldProfile", "periodInSeconds", "agentParameters"));
    Optional<String> group = optText(body, "group");
    AgentConfiguration c = AgentConfiguration.defaults();
    Optional<Boolean> should = optBoolean(body, "shouldProfile");
    if (should.isPresent()) {
      c = c.withShouldProfile(should.get());
    }
    Optional<Integer> period = optInt(body, "periodInSeconds");
    if (period.isPresent()) {
      c = c.withPeriodInSeconds(positive("periodInSeconds", period.get(), 1));
    }
    JsonNode params = body.get("agentParameters");
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        throw new BadRequest(
            400,
            "agentParameters must be an object of strings, but was "
                + abbreviate(params.toString())
                + ".");
      }
      Map<String, String> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = params.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getValue().isTextual() && !entry.getValue().isNumber()) {
          throw new BadRequest(
              400,
              "agentParameters."
                  + entry.getKey()
                  + " must be a string, but was "
                  + entry.getValue()
                  + ".");
        }
        map.put(entry.getKey(), entry.getValue().asText());
      }
      c = new AgentConfiguration(c.shouldProfile(), c.periodInSeconds(), map);
    }
    engine.scripts().enqueueConfiguration(group.orElse(null), c);
    ObjectNode o = JSON.createObjectNode();
    o.put(
        "description",
        "ConfigureAgent answer "
            + c
            + " for "
            + group.map(g -> "profiling group '" + g + "'").orElse("any profiling group"));
    return json(201, o);
  }

  HttpResponse list(Exchange e) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("unconsumed");
    engine.scripts().unconsumed().forEach(arr::add);
    return json(200, o);
  }
}
