package dev.fakeguru.fault;

import dev.fakeguru.recording.Operation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A request as a {@link FaultRule#when(java.util.function.Predicate) fault predicate} sees it:
 * routed, but not yet answered.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * FaultRule.of(ProfilerFault.validation("too big"))
 *     .when(request -> request.body().length > 100_000);
 * }</pre>
 *
 * @param operation the operation it was routed to
 * @param profilingGroup the profiling group named in the path, if any
 * @param method the HTTP method
 * @param path the raw path
 * @param queryParameters decoded query parameters
 * @param headers headers, names in lower case
 * @param body the body as sent
 */
@API(status = API.Status.STABLE, since = "0.1")
public record IncomingRequest(
    Operation operation,
    Optional<String> profilingGroup,
    String method,
    String path,
    Map<String, List<String>> queryParameters,
    Map<String, List<String>> headers,
    byte[] body) {

  /** Copies the collections. */
  public IncomingRequest {
    queryParameters = Map.copyOf(queryParameters);
    headers = Map.copyOf(headers);
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParameter(String name) {
    List<String> v = queryParameters.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }
}
