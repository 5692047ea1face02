package dev.fakeguru.internal.http;

import dev.fakeguru.fault.ProfilerFault;

/**
 * What the transport sends for one request: a response, and a fault whose transport part (dropped
 * connection, garbage, truncation, delay) the transport applies to it.
 *
 * @param response what to send; null when a fault leaves nothing to send
 * @param fault the injected fault, or null
 * @param faultId the id of the rule that injected the fault (0 without one): removing that rule
 *     ends the delays it started ({@link HttpFront#endDelaysOf})
 */
public record Answer(HttpResponse response, ProfilerFault fault, long faultId) {
  public static Answer of(HttpResponse response) {
    return new Answer(response, null, 0);
  }
}
