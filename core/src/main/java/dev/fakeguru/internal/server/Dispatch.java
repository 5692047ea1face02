package dev.fakeguru.internal.server;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.IncomingRequest;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.internal.admin.AdminApi;
import dev.fakeguru.internal.api.SigV4Verifier;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.Recordings;
import dev.fakeguru.internal.engine.ServiceException;
import dev.fakeguru.internal.http.Answer;
import dev.fakeguru.internal.http.BrowserPolicy;
import dev.fakeguru.internal.http.Exchange;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.internal.http.HttpResponse;
import dev.fakeguru.internal.http.RouteTable;
import dev.fakeguru.internal.http.RouteTable.Match;
import dev.fakeguru.internal.http.RouteTable.Miss;
import dev.fakeguru.internal.http.RouteTable.Resolution;
import dev.fakeguru.internal.wire.Wire;
import dev.fakeguru.recording.Operation;
import java.util.Map;
import java.util.Optional;

/**
 * The one path every request takes: the {@code Host} check, resolution against the route table,
 * then for the admin API its guard and handler, and for the CodeGuru API the browser policy (CORS
 * preflights, refused origins), the signature check, fault matching, the handler (unless a fault
 * replaces it), the fault's error, and the recording of the call and its post. Thread-safe.
 * Internal.
 */
final class Dispatch {
  private final Engine engine;
  private final RouteTable routes;
  private final AdminApi admin;
  private final SigV4Verifier signatures;
  private final BrowserPolicy browsers;

  /**
   * @param admin the admin API, or null when it is off
   * @param signatures checks request signatures, or null to accept any
   */
  Dispatch(
      Engine engine,
      RouteTable routes,
      AdminApi admin,
      SigV4Verifier signatures,
      BrowserPolicy browsers) {
    this.engine = engine;
    this.routes = routes;
    this.admin = admin;
    this.signatures = signatures;
    this.browsers = browsers;
  }

  Answer dispatch(HttpRequest req) {
    Optional<BrowserPolicy.Refusal> misdirected = browsers.checkHost(req);
    if (misdirected.isPresent()) {
      return Answer.of(error(misdirected.get()));
    }
    Resolution resolution = routes.resolve(req);
    if (admin != null && isAdmin(resolution)) {
      return Answer.of(
          admin.answer(resolution, req)); // admin calls steer the fake; they are not recorded
    }
    Optional<BrowserPolicy.Refusal> foreign = browsers.checkOrigin(req);
    if (browsers.isPreflight(req)) { // a browser asking, not an operation: not recorded
      return Answer.of(foreign.map(Dispatch::error).orElseGet(() -> browsers.preflight(req)));
    }
    long sequence = engine.journal().nextSequence();
    RouteTable.Route route = resolution instanceof Match m ? m.route() : null;
    Exchange exchange =
        new Exchange(req, resolution instanceof Match m ? m.pathParameters() : Map.of(), sequence);
    Operation operation = route == null ? Operation.UNKNOWN : route.operation();
    String group = route == null ? null : route.groupOf(exchange);
    HttpResponse response;
    ProfilerFault fault = null;
    long faultId = 0;
    Optional<ServiceException> refused =
        signatures == null ? Optional.empty() : signatures.check(req);
    Recordings.Signature signature =
        signatures == null
            ? Recordings.Signature.NOT_CHECKED
            : refused.isPresent() ? Recordings.Signature.REFUSED : Recordings.Signature.VALID;
    if (foreign.isPresent()) {
      response = error(foreign.get());
    } else if (refused.isPresent()) {
      response = Wire.error(refused.get());
    } else {
      IncomingRequest incoming =
          new IncomingRequest(
              operation,
              Optional.ofNullable(group),
              req.method(),
              req.rawPath(),
              req.query(),
              req.headers(),
              req.body());
      Optional<InjectedFault> fired = engine.faults().decide(incoming);
      if (fired.isEmpty()) {
        response = run(resolution, exchange);
      } else {
        fault = fired.get().rule().fault();
        faultId = fired.get().id();
        if (replacesCall(fired.get().rule())) {
          if (route != null && route.whenReplaced() != null) {
            route.whenReplaced().accept(exchange);
          }
          response = null;
        } else {
          response = run(resolution, exchange);
        }
        if (fault.kind() == ProfilerFault.Kind.SERVICE_ERROR) {
          response =
              Wire.error(
                  fault.status(), fault.errorType().orElseThrow(), fault.message().orElseThrow());
        } else if (fault.kind() == ProfilerFault.Kind.MALFORMED_BODY) {
          response = Wire.malformed(response);
        }
      }
    }
    // The call and its post become visible together: a waiter woken by the post also sees the call.
    engine
        .journal()
        .record(
            new Recordings.Call(
                sequence,
                operation,
                Optional.ofNullable(group),
                req.method(),
                req.rawPath(),
                req.query(),
                req.headers(),
                req.body(),
                response == null ? 0 : response.status(),
                Optional.ofNullable(
                    response == null ? null : response.headers().get("x-amzn-ErrorType")),
                fault != null,
                engine.now(),
                signature,
                Optional.ofNullable(delivered(fault) ? exchange.answeredConfiguration() : null)),
            exchange.post());
    return new Answer(browsers.withCors(req, response), fault, faultId);
  }

  private static HttpResponse error(BrowserPolicy.Refusal r) {
    return Wire.error(r.status(), r.errorType(), r.message());
  }

  /** Whether the client receives the handler's answer intact: no fault, or only a delay. */
  private static boolean delivered(ProfilerFault fault) {
    return fault == null || fault.kind() == ProfilerFault.Kind.DELAY_ONLY;
  }

  private static boolean isAdmin(Resolution resolution) {
    return resolution instanceof Match m ? m.route().isAdmin() : ((Miss) resolution).admin();
  }

  /** A fault before the effect replaces the call, unless it only delays or cuts the real answer. */
  private static boolean replacesCall(FaultRule rule) {
    ProfilerFault.Kind kind = rule.fault().kind();
    return rule.timing() == FaultRule.Timing.BEFORE_EFFECT
        && kind != ProfilerFault.Kind.DELAY_ONLY
        && kind != ProfilerFault.Kind.TRUNCATED_BODY;
  }

  /** Runs the call: its handler, or the AWS error for a path or method no operation has. */
  private static HttpResponse run(Resolution resolution, Exchange exchange) {
    HttpRequest req = exchange.request();
    try {
      if (resolution instanceof Miss miss) {
        rejectOversizeBody(req);
        if (miss.allowedMethods().isEmpty()) {
          throw new ServiceException(
              404,
              "UnknownOperationException",
              "No CodeGuru Profiler operation matches " + req.method() + " " + req.rawPath());
        }
        throw new ServiceException(
            405,
            "MethodNotAllowedException",
            req.method()
                + " is not allowed on "
                + req.rawPath()
                + "; allowed: "
                + String.join(", ", miss.allowedMethods()));
      }
      RouteTable.Route route = ((Match) resolution).route();
      if (route.operation() != Operation.POST_AGENT_PROFILE) {
        rejectOversizeBody(req); // PostAgentProfile checks it itself, so that the post is recorded
      }
      return route.handler().handle(exchange);
    } catch (ServiceException e) {
      return Wire.error(e);
    } catch (RuntimeException e) {
      return Wire.error(500, "InternalServerException", "The fake failed unexpectedly: " + e);
    }
  }

  private static void rejectOversizeBody(HttpRequest req) {
    if (req.bodyOverLimit() >= 0) {
      throw ServiceException.validation(
          "The request body is larger than "
              + req.bodyOverLimit()
              + " bytes (the fake's maxCompressedBytes limit).");
    }
  }
}
