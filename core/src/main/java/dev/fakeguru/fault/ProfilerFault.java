package dev.fakeguru.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What the fake does instead of (or after) answering a call normally: an AWS service error in the
 * exact wire form every SDK parses, or a transport fault the real service can only produce on a bad
 * day. A closed vocabulary of immutable values; combine one with a target and a schedule in a
 * {@link FaultRule}.
 *
 * <p>Service errors always carry a JSON body with {@code __type} and {@code message} plus the
 * {@code x-amzn-ErrorType} header (botocore ignores the error type of a 5xx with an empty body).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * fake.injectFault(FaultRule.of(ProfilerFault.throttling())
 *     .onOperation(Operation.POST_AGENT_PROFILE)
 *     .nextCalls(2));
 * fake.injectFault(FaultRule.of(ProfilerFault.connectionReset()).onOperation(Operation.GET_PROFILE).nextCalls(1));
 * fake.injectFault(FaultRule.of(ProfilerFault.delay(Duration.ofSeconds(3))).nextCalls(1));
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProfilerFault {
  /**
   * The longest delay a fault may have: 5 minutes, beyond any SDK's default timeouts. A delay holds
   * no server thread, and removing its rule (or resetting the fake) ends it at once.
   */
  public static final Duration MAX_DELAY = Duration.ofMinutes(5);

  /** What SDKs read as an error type: it travels in the {@code x-amzn-ErrorType} header. */
  private static final Pattern ERROR_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:#-]{0,127}");

  /** The kinds of fault. */
  public enum Kind {
    /** An AWS error response: status, error type, message. */
    SERVICE_ERROR,
    /** The normal response, only later. */
    DELAY_ONLY,
    /** The connection is reset before any response byte is sent. */
    CONNECTION_RESET,
    /** The connection is closed without any response. */
    EMPTY_RESPONSE,
    /** A 200 response whose body is not valid JSON or Ion. */
    MALFORMED_BODY,
    /** The normal response with its body cut in half. */
    TRUNCATED_BODY,
    /** Random bytes that are not HTTP, then the connection is closed. */
    RANDOM_DATA_THEN_CLOSE
  }

  private final Kind kind;
  private final int status;
  private final String errorType;
  private final String message;
  private final Duration delay;
  private final Duration maxDelay;

  private ProfilerFault(
      Kind kind, int status, String errorType, String message, Duration delay, Duration maxDelay) {
    this.kind = kind;
    this.status = status;
    this.errorType = errorType;
    this.message = message;
    this.delay = delay;
    this.maxDelay = maxDelay;
  }

  private static ProfilerFault error(int status, String type, String message) {
    return new ProfilerFault(
        Kind.SERVICE_ERROR,
        status,
        type,
        Objects.requireNonNull(message, "message"),
        Duration.ZERO,
        Duration.ZERO);
  }

  /** 429 {@code ThrottlingException}, retried by every SDK. */
  public static ProfilerFault throttling() {
    return throttling("Rate exceeded");
  }

  /** 429 {@code ThrottlingException} with a message. */
  public static ProfilerFault throttling(String message) {
    return error(429, "ThrottlingException", message);
  }

  /** 404 {@code ResourceNotFoundException} with a message. */
  public static ProfilerFault notFound(String message) {
    return error(404, "ResourceNotFoundException", message);
  }

  /** 400 {@code ValidationException} with a message. */
  public static ProfilerFault validation(String message) {
    return error(400, "ValidationException", message);
  }

  /** 500 {@code InternalServerException}, retried by every SDK. */
  public static ProfilerFault internalError() {
    return internalError("Internal server error");
  }

  /** 500 {@code InternalServerException} with a message. */
  public static ProfilerFault internalError(String message) {
    return error(500, "InternalServerException", message);
  }

  /** 409 {@code ConflictException} with a message. */
  public static ProfilerFault conflict(String message) {
    return error(409, "ConflictException", message);
  }

  /** 402 {@code ServiceQuotaExceededException} with a message. */
  public static ProfilerFault serviceQuotaExceeded(String message) {
    return error(402, "ServiceQuotaExceededException", message);
  }

  /**
   * Any error status and type, e.g. {@code serviceError(503, "ServiceUnavailableException", "Slow
   * down")}; unmodelled types reach SDK callers as the service's base exception.
   *
   * @throws IllegalArgumentException if the status is not 400 to 599, or the type is empty or not a
   *     name (a letter, then up to 127 letters, digits or {@code _ . : # -})
   */
  public static ProfilerFault serviceError(int status, String errorType, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 400..599, but was " + status);
    }
    Objects.requireNonNull(errorType, "errorType");
    if (!ERROR_TYPE.matcher(errorType).matches()) {
      throw new IllegalArgumentException(
          "an error type is a name such as ServiceUnavailableException (a letter, then up to 127"
              + " letters, digits or _ . : # -), but was '"
              + errorType
              + "'");
    }
    return error(status, errorType, message);
  }

  /**
   * The normal response, sent after {@code delay} (at most {@link #MAX_DELAY}): beyond a client's
   * timeout it surfaces as a timeout.
   */
  public static ProfilerFault delay(Duration delay) {
    return new ProfilerFault(
        Kind.DELAY_ONLY, 0, null, null, requireDelay(delay), requireDelay(delay));
  }

  /** The normal response, sent after a uniformly random delay in {@code [min, max]}. */
  public static ProfilerFault randomDelay(Duration min, Duration max) {
    if (requireDelay(max).compareTo(requireDelay(min)) < 0) {
      throw new IllegalArgumentException("max delay " + max + " is below min delay " + min);
    }
    return new ProfilerFault(Kind.DELAY_ONLY, 0, null, null, min, max);
  }

  /** The connection is reset by the server: the SDKs see an I/O error and retry. */
  public static ProfilerFault connectionReset() {
    return transport(Kind.CONNECTION_RESET);
  }

  /** The connection is closed without a response. */
  public static ProfilerFault emptyResponse() {
    return transport(Kind.EMPTY_RESPONSE);
  }

  /** A 200 response with a body that is neither JSON nor Ion. */
  public static ProfilerFault malformedBody() {
    return transport(Kind.MALFORMED_BODY);
  }

  /** The normal response with its body cut in half (headers say the full length is coming). */
  public static ProfilerFault truncatedBody() {
    return transport(Kind.TRUNCATED_BODY);
  }

  /** Garbage that is not HTTP, then the connection is closed. */
  public static ProfilerFault randomDataThenClose() {
    return transport(Kind.RANDOM_DATA_THEN_CLOSE);
  }

  private static ProfilerFault transport(Kind kind) {
    return new ProfilerFault(kind, 0, null, null, Duration.ZERO, Duration.ZERO);
  }

  private static Duration requireDelay(Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException("a delay must be >= 0, but was " + d);
    }
    if (d.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "a delay must be at most " + MAX_DELAY + " (MAX_DELAY), but was " + d);
    }
    return d;
  }

  /** The same fault, applied after waiting {@code delay}. */
  public ProfilerFault afterDelay(Duration delay) {
    return new ProfilerFault(
        kind, status, errorType, message, requireDelay(delay), requireDelay(delay));
  }

  /** The kind of fault. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of a service error; 0 for transport faults and delays. */
  public int status() {
    return status;
  }

  /** The AWS error type of a service error. */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The message of a service error. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** The shortest delay before the fault is applied. */
  public Duration minDelay() {
    return delay;
  }

  /** The longest delay before the fault is applied (equal to {@link #minDelay()} unless random). */
  public Duration maxDelay() {
    return maxDelay;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProfilerFault f
        && f.kind == kind
        && f.status == status
        && Objects.equals(f.errorType, errorType)
        && Objects.equals(f.message, message)
        && f.delay.equals(delay)
        && f.maxDelay.equals(maxDelay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, status, errorType, message, delay, maxDelay);
  }

  @Override
  public String toString() {
    String base =
        kind == Kind.SERVICE_ERROR
            ? status + " " + errorType + " \"" + message + "\""
            : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    if (delay.isZero() && maxDelay.isZero()) {
      return base;
    }
    return base
        + (delay.equals(maxDelay) ? " after " + delay : " after " + delay + ".." + maxDelay);
  }
}
