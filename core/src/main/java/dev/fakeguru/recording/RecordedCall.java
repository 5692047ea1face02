package dev.fakeguru.recording;

import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP call the fake received, as it was routed and answered. Recorded for every request,
 * including rejected and unknown ones.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedCall call = fake.recordedCalls(Operation.GET_PROFILE).get(0);
 * assertThat(call.queryParameter("maxDepth")).hasValue("3");
 * assertThat(call.status()).isEqualTo(200);
 * }</pre>
 *
 * @param sequence the call's arrival number, from 1, in the order the fake began answering
 * @param operation the operation it was routed to
 * @param profilingGroup the profiling group named in the path or body, if any
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path
 * @param queryParameters the decoded query parameters; a repeated key has several values
 * @param headers the request headers, names in lower case
 * @param body the request body (empty when none, and for PostAgentProfile, whose body is kept once in
 *     its {@link RecordedProfilePost})
 * @param status the HTTP status the fake answered (0 when the connection was dropped on purpose)
 * @param errorType the AWS error type answered, such as {@code ValidationException}, if any
 * @param faultInjected whether the answer came from a fault or script the test set up
 * @param receivedAt when it arrived, on the fake's clock
 */
public record RecordedCall(
    long sequence,
    Operation operation,
    Optional<String> profilingGroup,
    String method,
    String path,
    Map<String, List<String>> queryParameters,
    Map<String, List<String>> headers,
    byte[] body,
    int status,
    Optional<String> errorType,
    boolean faultInjected,
    Instant receivedAt) {

  /** Copies the collections and the body. */
  public RecordedCall {
    queryParameters = Map.copyOf(queryParameters);
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** The request body, copied. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether the fake answered with a 2xx status. */
  public boolean succeeded() {
    return status >= 200 && status < 300;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedCall c && c.sequence == sequence && c.receivedAt.equals(receivedAt);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(sequence);
  }

  @Override
  public String toString() {
    return "#"
        + sequence
        + " "
        + operation
        + profilingGroup.map(g -> "(" + g + ")").orElse("")
        + " "
        + method
        + " "
        + path
        + " -> "
        + status
        + errorType.map(e -> " " + e).orElse("")
        + (faultInjected ? " (injected)" : "");
  }
}
