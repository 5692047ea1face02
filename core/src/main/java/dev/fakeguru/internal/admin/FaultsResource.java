package dev.fakeguru.internal.admin;

import static dev.fakeguru.internal.admin.AdminJson.JSON;
import static dev.fakeguru.internal.admin.AdminJson.allowOnly;
import static dev.fakeguru.internal.admin.AdminJson.body;
import static dev.fakeguru.internal.admin.AdminJson.json;
import static dev.fakeguru.internal.admin.AdminJson.noContent;
import static dev.fakeguru.internal.admin.AdminJson.nonNegative;
import static dev.fakeguru.internal.admin.AdminJson.operation;
import static dev.fakeguru.internal.admin.AdminJson.optInt;
import static dev.fakeguru.internal.admin.AdminJson.optLong;
import static dev.fakeguru.internal.admin.AdminJson.optText;
import static dev.fakeguru.internal.admin.AdminJson.parseLong;
import static dev.fakeguru.internal.admin.AdminJson.positive;
import static dev.fakeguru.internal.admin.AdminJson.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.internal.admin.AdminJson.BadRequest;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.recording.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code faults}: fault rules as JSON, both ways (the same vocabulary as {@link ProfilerFault} and
 * {@link FaultRule}), named by the engine's rule ids. Thread-safe. Internal.
 */
final class FaultsResource {
  private final Engine engine;

  FaultsResource(Engine engine) {
    this.engine = engine;
  }

  HttpResponse inject(Exchange e) {
    JsonNode body = body(e.request());
    allowOnly(
        body,
        "",
        Set.of(
            "fault",
            "operations",
            "profilingGroup",
            "nextCalls",
            "afterSuccesses",
            "everyNthCall",
            "probability",
            "seed",
            "timing"));
    JsonNode faultNode = body.get("fault");
    if (faultNode == null || faultNode.isNull()) {
      throw new BadRequest(400, "fault is required, e.g. {\"fault\": {\"type\": \"throttling\"}}.");
    }
    if (!faultNode.isObject()) {
      throw new BadRequest(400, "fault must be a JSON object, but was " + faultNode + ".");
    }
    FaultRule rule = FaultRule.of(fault(faultNode));
    JsonNode ops = body.get("operations");
    if (ops != null && !ops.isNull()) {
      if (!ops.isArray()) {
        throw new BadRequest(
            400, "operations must be an array of operation names, but was " + ops + ".");
      }
      for (JsonNode op : ops) {
        if (!op.isTextual()) {
          throw new BadRequest(
              400, "operations must hold operation names (strings), but held " + op + ".");
        }
        rule = rule.onOperation(operation("operations", op.asText()));
      }
    }
    Optional<String> group = optText(body, "profilingGroup");
    if (group.isPresent()) {
      rule = rule.forProfilingGroup(group.get());
    }
    Optional<Integer> next = optInt(body, "nextCalls");
    if (next.isPresent()) {
      rule = rule.nextCalls(positive("nextCalls", next.get(), 1));
    }
    Optional<Integer> skip = optInt(body, "afterSuccesses");
    if (skip.isPresent()) {
      rule = rule.afterSuccesses(positive("afterSuccesses", skip.get(), 0));
    }
    Optional<Integer> nth = optInt(body, "everyNthCall");
    if (nth.isPresent()) {
      rule = rule.everyNthCall(positive("everyNthCall", nth.get(), 1));
    }
    Optional<Long> seed = optLong(body, "seed");
    JsonNode p = body.get("probability");
    if (p != null && !p.isNull()) {
      if (!p.isNumber() || !(p.asDouble() >= 0.0 && p.asDouble() <= 1.0)) {
        throw new BadRequest(400, "probability must be a number from 0 to 1, but was " + p + ".");
      }
      rule = rule.withProbability(p.asDouble(), seed.orElse(0L));
    } else if (seed.isPresent()) {
      throw new BadRequest(400, "seed only applies together with probability.");
    }
    Optional<String> timing = optText(body, "timing");
    if (timing.isPresent()) {
      switch (timing.get()) {
        case "beforeEffect" -> {}
        case "afterEffect" -> rule = rule.afterEffect();
        default ->
            throw new BadRequest(
                400,
                "timing must be \"beforeEffect\" or \"afterEffect\", but was \""
                    + timing.get()
                    + "\".");
      }
    }
    InjectedFault injected = engine.faults().add(rule);
    ObjectNode o = JSON.createObjectNode();
    o.put("id", injected.id());
    o.put("description", rule.toString());
    return json(201, o);
  }

  private static final Set<String> FAULT_FIELDS =
      Set.of(
          "type",
          "message",
          "status",
          "errorType",
          "delayMillis",
          "minDelayMillis",
          "maxDelayMillis");
  private static final List<String> FAULT_TYPES =
      List.of(
          "throttling",
          "notFound",
          "validation",
          "internalError",
          "conflict",
          "serviceQuotaExceeded",
          "serviceError",
          "delay",
          "randomDelay",
          "connectionReset",
          "emptyResponse",
          "malformedBody",
          "truncatedBody",
          "randomDataThenClose");

  private static ProfilerFault fault(JsonNode f) {
    allowOnly(f, "fault.", FAULT_FIELDS);
    String type = requiredText(f, "type", "fault.type");
    Optional<String> message = optText(f, "message", "fault.message");
    String msg = message.orElse("Injected by FakeGuru");
    Optional<Long> delay = delayMillis(f, "delayMillis");
    Optional<Long> min = delayMillis(f, "minDelayMillis");
    Optional<Long> max = delayMillis(f, "maxDelayMillis");
    boolean isServiceError = type.equals("serviceError");
    if (!isServiceError && (f.has("status") || f.has("errorType"))) {
      throw new BadRequest(
          400, "fault.status and fault.errorType only apply to type \"serviceError\".");
    }
    if (!type.equals("randomDelay") && (min.isPresent() || max.isPresent())) {
      throw new BadRequest(
          400, "fault.minDelayMillis and fault.maxDelayMillis only apply to type \"randomDelay\".");
    }
    ProfilerFault base =
        switch (type) {
          case "throttling" -> ProfilerFault.throttling(message.orElse("Rate exceeded"));
          case "notFound" ->
              ProfilerFault.notFound(message.orElse("Resource not found (injected by FakeGuru)"));
          case "validation" ->
              ProfilerFault.validation(message.orElse("Invalid request (injected by FakeGuru)"));
          case "internalError" ->
              ProfilerFault.internalError(message.orElse("Internal server error"));
          case "conflict" ->
              ProfilerFault.conflict(message.orElse("Conflict (injected by FakeGuru)"));
          case "serviceQuotaExceeded" ->
              ProfilerFault.serviceQuotaExceeded(
                  message.orElse("Service quota exceeded (injected by FakeGuru)"));
          case "serviceError" -> {
            int status =
                optInt(f, "status", "fault.status")
                    .orElseThrow(
                        () ->
                            new BadRequest(
                                400, "fault.status is required for type \"serviceError\"."));
            if (status < 400 || status > 599) {
              throw new BadRequest(
                  400, "fault.status must be from 400 to 599, but was " + status + ".");
            }
            String errorType =
                optText(f, "errorType", "fault.errorType")
                    .orElseThrow(
                        () ->
                            new BadRequest(
                                400, "fault.errorType is required for type \"serviceError\"."));
            try {
              yield ProfilerFault.serviceError(status, errorType, msg);
            } catch (IllegalArgumentException bad) {
              throw new BadRequest(400, "fault.errorType: " + bad.getMessage() + ".");
            }
          }
          case "delay" ->
              ProfilerFault.delay(
                  Duration.ofMillis(
                      delay.orElseThrow(
                          () ->
                              new BadRequest(
                                  400, "fault.delayMillis is required for type \"delay\"."))));
          case "randomDelay" -> {
            long lo =
                min.orElseThrow(
                    () ->
                        new BadRequest(
                            400, "fault.minDelayMillis is required for type \"randomDelay\"."));
            long hi =
                max.orElseThrow(
                    () ->
                        new BadRequest(
                            400, "fault.maxDelayMillis is required for type \"randomDelay\"."));
            if (hi < lo) {
              throw new BadRequest(
                  400,
                  "fault.maxDelayMillis (" + hi + ") is below fault.minDelayMillis (" + lo + ").");
            }
            yield ProfilerFault.randomDelay(Duration.ofMillis(lo), Duration.ofMillis(hi));
          }
          case "connectionReset" -> ProfilerFault.connectionReset();
          case "emptyResponse" -> ProfilerFault.emptyResponse();
          case "malformedBody" -> ProfilerFault.malformedBody();
          case "truncatedBody" -> ProfilerFault.truncatedBody();
          case "randomDataThenClose" -> ProfilerFault.randomDataThenClose();
          default ->
              throw new BadRequest(
                  400,
                  "fault.type \""
                      + type
                      + "\" is unknown; use one of "
                      + String.join(", ", FAULT_TYPES)
                      + ".");
        };
    boolean isDelay = type.equals("delay") || type.equals("randomDelay");
    if (message.isPresent() && base.kind() != ProfilerFault.Kind.SERVICE_ERROR) {
      throw new BadRequest(
          400, "fault.message only applies to service errors, not to type \"" + type + "\".");
    }
    if (!isDelay && delay.isPresent()) {
      base = base.afterDelay(Duration.ofMillis(delay.get()));
    }
    return base;
  }

  /** A delay field: 0 to {@link ProfilerFault#MAX_DELAY} in milliseconds. */
  private static Optional<Long> delayMillis(JsonNode f, String field) {
    String name = "fault." + field;
    Optional<Long> millis = optLong(f, field, name).map(d -> nonNegative(name, d));
    long most = ProfilerFault.MAX_DELAY.toMillis();
    if (millis.isPresent() && millis.get() > most) {
      throw new BadRequest(
          400,
          name
              + " must be at most "
              + most
              + " (5 minutes), but was "
              + millis.get()
              + "; delays hold no server thread, and removing the rule ends them.");
    }
    return millis;
  }

  private static ObjectNode faultJson(ProfilerFault f) {
    ObjectNode o = JSON.createObjectNode();
    String type =
        switch (f.kind()) {
          case SERVICE_ERROR -> serviceErrorType(f);
          case DELAY_ONLY -> f.minDelay().equals(f.maxDelay()) ? "delay" : "randomDelay";
          case CONNECTION_RESET -> "connectionReset";
          case EMPTY_RESPONSE -> "emptyResponse";
          case MALFORMED_BODY -> "malformedBody";
          case TRUNCATED_BODY -> "truncatedBody";
          case RANDOM_DATA_THEN_CLOSE -> "randomDataThenClose";
        };
    o.put("type", type);
    if (f.kind() == ProfilerFault.Kind.SERVICE_ERROR) {
      o.put("status", f.status());
      o.put("errorType", f.errorType().orElse(null));
      o.put("message", f.message().orElse(null));
    }
    if (f.minDelay().equals(f.maxDelay())) {
      if (!f.minDelay().isZero()) {
        o.put("delayMillis", f.minDelay().toMillis());
      }
    } else {
      o.put("minDelayMillis", f.minDelay().toMillis());
      o.put("maxDelayMillis", f.maxDelay().toMillis());
    }
    return o;
  }

  private static String serviceErrorType(ProfilerFault f) {
    String t = f.errorType().orElse("");
    return switch (f.status() + " " + t) {
      case "429 ThrottlingException" -> "throttling";
      case "404 ResourceNotFoundException" -> "notFound";
      case "400 ValidationException" -> "validation";
      case "500 InternalServerException" -> "internalError";
      case "409 ConflictException" -> "conflict";
      case "402 ServiceQuotaExceededException" -> "serviceQuotaExceeded";
      default -> "serviceError";
    };
  }

  HttpResponse list(Exchange e) {
    List<InjectedFault> active = engine.faults().active();
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("faults");
    {
      for (InjectedFault f : active) {
        long id = f.id();
        FaultRule r = f.rule();
        ObjectNode x = arr.addObject();
        x.put("id", id);
        x.put("description", r.toString());
        x.set("fault", faultJson(r.fault()));
        ArrayNode ops = x.putArray("operations");
        new TreeSet<>(r.operations().stream().map(Operation::apiName).toList()).forEach(ops::add);
        x.put("profilingGroup", r.profilingGroup().orElse(null));
        x.put("javaPredicate", r.predicate().isPresent());
        x.put("afterSuccesses", r.afterSuccesses());
        x.put("everyNthCall", r.everyNthCall());
        x.put("probability", r.probability());
        x.put("seed", r.seed());
        if (r.nextCalls().isPresent()) {
          x.put("nextCalls", r.nextCalls().getAsInt());
        } else {
          x.putNull("nextCalls");
        }
        x.put(
            "timing", r.timing() == FaultRule.Timing.AFTER_EFFECT ? "afterEffect" : "beforeEffect");
        x.put("timesApplied", f.timesApplied());
        x.put("timesTargeted", f.timesTargeted());
      }
    }
    return json(200, o);
  }

  HttpResponse clear(Exchange e) {
    engine.faults().clear();
    return noContent();
  }

  HttpResponse remove(Exchange e) {
    long id = parseLong("fault id", e.path("id"));
    InjectedFault f =
        engine
            .faults()
            .find(id)
            .orElseThrow(() -> new BadRequest(404, "No active fault rule has the id " + id + "."));
    f.remove();
    return noContent();
  }
}
