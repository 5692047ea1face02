package dev.fakeguru.internal.server;

import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.IncomingRequest;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.Optional;

/**
 * Puts fault injection in front of (or behind) the service: decides whether a fault fires for a
 * routed request, runs the service unless the fault replaces the call, and says what to send.
 * Thread-safe. Internal.
 */
public final class Dispatcher {

  /**
   * What to send: the service's or the fault's response ({@code null} when a transport fault leaves
   * nothing to send), and the fault applied, if any.
   */
  public record Answer(
      Operation operation, String profilingGroup, HttpResponse response, ProfilerFault fault, RecordedProfilePost post) {}

  private final CodeGuruService service;
  private final FaultEngine faults;
  private final SigV4Verifier signatures;

  /** @param signatures checks request signatures, or null to accept any */
  public Dispatcher(CodeGuruService service, FaultEngine faults, SigV4Verifier signatures) {
    this.service = service;
    this.faults = faults;
    this.signatures = signatures;
  }

  public Answer dispatch(HttpRequest req, long sequence) {
    Operation op = service.operationOf(req);
    String group = service.groupOf(req);
    if (signatures != null) {
      Optional<ServiceException> refused = signatures.check(req);
      if (refused.isPresent()) {
        return new Answer(op, group, Wire.error(refused.get()), null, null);
      }
    }
    IncomingRequest incoming =
        new IncomingRequest(op, Optional.ofNullable(group), req.method(), req.rawPath(), req.query(), req.headers(), req.body());
    Optional<FaultRule> rule = faults.decide(incoming);
    if (rule.isEmpty()) {
      CodeGuruService.Handled handled = service.handle(req, sequence);
      return new Answer(op, group, handled.response(), null, handled.post());
    }
    ProfilerFault fault = rule.get().fault();
    boolean replacesCall =
        rule.get().timing() == FaultRule.Timing.BEFORE_EFFECT && fault.kind() != ProfilerFault.Kind.DELAY_ONLY
            && fault.kind() != ProfilerFault.Kind.TRUNCATED_BODY;
    HttpResponse response;
    RecordedProfilePost post = null;
    if (replacesCall) {
      if (op == Operation.POST_AGENT_PROFILE) {
        post = service.unstoredPost(group, req, sequence);
      }
      response = null;
    } else {
      CodeGuruService.Handled handled = service.handle(req, sequence);
      response = handled.response();
      post = handled.post();
    }
    if (fault.kind() == ProfilerFault.Kind.SERVICE_ERROR) {
      response = Wire.error(fault.status(), fault.errorType().orElseThrow(), fault.message().orElseThrow());
    }
    return new Answer(op, group, response, fault, post);
  }
}
