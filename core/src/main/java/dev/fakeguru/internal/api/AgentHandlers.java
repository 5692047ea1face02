package dev.fakeguru.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.aggregation.PostedProfile;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.Recordings;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.scripting.AgentConfiguration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What agents call: ConfigureAgent (their heartbeat) and PostAgentProfile (decode, store once per
 * token, aggregate, record). Thread-safe. Internal.
 */
final class AgentHandlers {
  private static final List<String> METADATA_FIELDS =
      List.of(
          "AgentId",
          "AwsRequestId",
          "ComputePlatform",
          "ExecutionEnvironment",
          "LambdaFunctionArn",
          "LambdaMemoryLimitInMB",
          "LambdaPreviousExecutionTimeInMilliseconds",
          "LambdaRemainingTimeInMilliseconds",
          "LambdaTimeGapBetweenInvokesInMilliseconds");

  private final Engine engine;

  AgentHandlers(Engine engine) {
    this.engine = engine;
  }

  HttpResponse configureAgent(Exchange e) {
    String name = e.path("profilingGroupName");
    JsonNode body = Wire.parseBody(e.request().body());
    String fleetInstanceId = Params.textField(body, "fleetInstanceId");
    if (fleetInstanceId != null) {
      Params.lengthAndPattern("fleetInstanceId", fleetInstanceId, 1, 255, null);
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw ServiceException.invalidMember(
            "metadata", metadata.toString(), "Member must be a map");
      }
      Iterator<Map.Entry<String, JsonNode>> it = metadata.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> m = it.next();
        Params.oneOf("metadata key", m.getKey(), METADATA_FIELDS);
        if (!m.getValue().isTextual()) {
          throw ServiceException.invalidMember(
              "metadata." + m.getKey(), m.getValue().toString(), "Member must be a string");
        }
      }
    }
    Params.profilingGroupName("profilingGroupName", name);
    Optional<AgentConfiguration> scripted = engine.scripts().nextConfiguration(name, engine.now());
    if (scripted.isPresent()) {
      engine.groups().find(name).ifPresent(g -> g.agentOrchestrated(engine.now()));
      return answer(e, scripted.get(), true);
    }
    GroupState g = engine.groups().require(name);
    g.agentOrchestrated(engine.now());
    return answer(e, engine.settings().agentConfiguration(), g.profilingEnabled());
  }

  /**
   * The answer, recorded on the exchange as sent: {@code shouldProfile} needs the group enabled.
   */
  private static HttpResponse answer(Exchange e, AgentConfiguration config, boolean groupEnabled) {
    AgentConfiguration sent = config.withShouldProfile(config.shouldProfile() && groupEnabled);
    e.recordAnsweredConfiguration(sent);
    return Wire.json(200, configurationJson(sent));
  }

  /** The bare AgentConfiguration of the answer. */
  private static ObjectNode configurationJson(AgentConfiguration config) {
    ObjectNode out = Wire.object();
    out.put("shouldProfile", config.shouldProfile());
    out.put("periodInSeconds", config.periodInSeconds());
    ObjectNode params = out.putObject("agentParameters");
    config.agentParameters().forEach(params::put);
    return out;
  }

  HttpResponse postAgentProfile(Exchange e) {
    String name = e.path("profilingGroupName");
    HttpRequest req = e.request();
    Optional<String> token = req.queryParam("profileToken");
    Optional<String> contentType = req.header("content-type");
    Optional<String> contentEncoding = req.header("content-encoding");
    Recordings.PostFacts facts = facts(e);
    PostedProfile profile = null;
    boolean stored = false;
    try {
      if (req.bodyOverLimit() >= 0) {
        throw ServiceException.validation(
            "The request body is larger than "
                + req.bodyOverLimit()
                + " bytes (the fake's maxCompressedBytes limit).");
      }
      token.ifPresent(t -> Params.token("profileToken", t));
      GroupState g = ProfilingGroupHandlers.requireGroup(engine, name);
      String type =
          contentType
              .map(t -> t.toLowerCase(Locale.ROOT).split(";")[0].trim())
              .orElseThrow(
                  () ->
                      ServiceException.invalidMember(
                          "contentType", null, "Member must not be null"));
      if (!type.equals("application/json") && !type.equals("application/x-amzn-ion")) {
        throw ServiceException.invalidMember(
            "contentType",
            contentType.get(),
            "Member must be application/json or application/x-amzn-ion");
      }
      if (req.body().length == 0) {
        throw ServiceException.invalidMember("agentProfile", null, "Member must not be empty");
      }
      try {
        profile =
            PostedProfile.decode(
                engine.settings().codecLimits(),
                req.body(),
                contentType.get(),
                contentEncoding.orElse(null));
      } catch (ProfileFormatException ex) {
        throw ServiceException.validation("Invalid agentProfile: " + ex.getMessage());
      }
      try {
        stored =
            engine.storeProfile(
                g,
                token.orElse(null),
                contentType.get(),
                contentEncoding.orElse(null),
                req.body(),
                profile);
      } catch (ArithmeticException ex) {
        throw ServiceException.validation(
            "Invalid agentProfile: adding it to the aggregated profile overflows a count: "
                + ex.getMessage());
      }
      g.profileReported(engine.now());
      return Wire.noContent();
    } catch (ServiceException ex) {
      if (profile == null) {
        e.recordPost(Recordings.undecodedPost(facts, ex.getMessage()));
      }
      throw ex;
    } finally {
      if (e.post() == null) {
        e.recordPost(
            profile != null
                ? Recordings.decodedPost(facts, engine.settings().codecLimits(), stored)
                : Recordings.undecodedPost(facts, "the fake failed before decoding the body"));
      }
    }
  }

  /**
   * Records a post that a fault stopped before it took effect: decoded for inspection, not stored.
   */
  void recordReplaced(Exchange e) {
    HttpRequest req = e.request();
    Recordings.PostFacts facts = facts(e);
    try {
      PostedProfile.decode(
          engine.settings().codecLimits(),
          req.body(),
          req.header("content-type").orElse(null),
          req.header("content-encoding").orElse(null));
      e.recordPost(Recordings.decodedPost(facts, engine.settings().codecLimits(), false));
    } catch (RuntimeException ex) {
      e.recordPost(Recordings.undecodedPost(facts, String.valueOf(ex.getMessage())));
    }
  }

  private Recordings.PostFacts facts(Exchange e) {
    HttpRequest req = e.request();
    return new Recordings.PostFacts(
        e.sequence(),
        e.path("profilingGroupName"),
        req.queryParam("profileToken").orElse(null),
        req.header("content-type").orElse(null),
        req.header("content-encoding").orElse(null),
        req.body(),
        engine.now());
  }
}
