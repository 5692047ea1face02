package dev.fakeguru.recording;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One HTTP call the fake received, as it was routed and answered. Recorded for every request to the
 * CodeGuru Profiler API, including rejected and unknown ones (admin API calls are not recorded).
 *
 * <p>The fake creates these; tests only read them. Immutable and thread-safe.
 *
 * <pre>{@code
 * RecordedCall call = fake.recordedCalls(Operation.GET_PROFILE).get(0);
 * assertThat(call.queryParameter("maxDepth")).hasValue("3");
 * assertThat(call.status()).isEqualTo(200);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface RecordedCall {

  /**
   * The call's arrival number, from 1 after each reset, in the order the fake began answering.
   *
   * @return the sequence number, shared with the call's {@link RecordedProfilePost#sequence() post}
   */
  long sequence();

  /**
   * The operation the call was routed to.
   *
   * @return the operation; {@link Operation#UNKNOWN} when no operation matched
   */
  Operation operation();

  /**
   * The profiling group named in the path (for the tag operations: in the ARN), if any.
   *
   * @return the group name
   */
  Optional<String> profilingGroup();

  /**
   * The HTTP method.
   *
   * @return e.g. {@code POST}
   */
  String method();

  /**
   * The raw (still percent-encoded) path.
   *
   * @return e.g. {@code /profilingGroups/my-app/agentProfile}
   */
  String path();

  /**
   * The decoded query parameters; a repeated key has several values.
   *
   * @return an immutable map
   */
  Map<String, List<String>> queryParameters();

  /**
   * The request headers, names in lower case.
   *
   * @return an immutable map
   */
  Map<String, List<String>> headers();

  /**
   * The request body, copied: empty when there was none, and for PostAgentProfile, whose body is
   * kept once, in its {@link RecordedProfilePost}.
   *
   * @return a copy of the body
   */
  byte[] body();

  /**
   * The HTTP status the fake answered.
   *
   * @return the status; 0 when the connection was dropped on purpose
   */
  int status();

  /**
   * The AWS error type answered, such as {@code ValidationException}, if any.
   *
   * @return the error type
   */
  Optional<String> errorType();

  /**
   * Whether the answer came from a fault the test injected.
   *
   * @return true for an injected fault
   */
  boolean faultInjected();

  /**
   * When the call arrived, on the fake's clock.
   *
   * @return the arrival instant
   */
  Instant receivedAt();

  /**
   * The first value of a query parameter.
   *
   * @param name the parameter name
   * @return its first value
   */
  default Optional<String> queryParameter(String name) {
    List<String> values = queryParameters().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, in any case
   * @return its first value
   */
  default Optional<String> header(String name) {
    List<String> values = headers().get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Whether the fake answered with a 2xx status.
   *
   * @return true for 200 to 299
   */
  default boolean succeeded() {
    return status() >= 200 && status() < 300;
  }
}
