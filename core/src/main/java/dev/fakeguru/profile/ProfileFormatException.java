package dev.fakeguru.profile;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A profile body that cannot be decoded: what is wrong ({@link #problem()}), where ({@link
 * #path()}, a JSON-path-like location such as {@code
 * $.callgraph.children["main"].counts.WALL_TIME}), and a message that says both.
 *
 * <pre>{@code
 * try {
 *   codec.decode(body, "application/json", null);
 * } catch (ProfileFormatException e) {
 *   e.problem(); // INVALID_VALUE
 *   e.path();    // $.callgraph.children["main"].counts.WALL_TIME
 *   e.getMessage(); // $.callgraph.children["main"].counts.WALL_TIME: expected a non-negative integer but was -3
 * }
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProfileFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kinds of problem. */
  public enum Problem {
    /** No body at all. */
    EMPTY,
    /** Not JSON, Ion or gzip at all, or broken syntax. */
    MALFORMED,
    /** The body ends too early. */
    TRUNCATED,
    /** A member has the wrong type (an object where a number belongs, …). */
    WRONG_TYPE,
    /** A required member is missing. */
    MISSING_FIELD,
    /** A member has the right type but an impossible value (a negative count, …). */
    INVALID_VALUE,
    /** A configured limit ({@link CodecLimits}) was hit. */
    LIMIT_EXCEEDED,
    /**
     * A format the codec does not read. {@code ProfileCodec} never reports it (it reads any body as
     * JSON or Ion, detecting which); kept for codecs of other formats built on this exception.
     */
    UNSUPPORTED_FORMAT
  }

  private final Problem problem;
  private final String path;
  private final String detail;

  /** A problem at a location ({@code "$"} for the whole body). */
  public ProfileFormatException(Problem problem, String path, String detail) {
    this(problem, path, detail, null);
  }

  /** A problem at a location, caused by a lower-level exception. */
  public ProfileFormatException(Problem problem, String path, String detail, Throwable cause) {
    super((path == null || path.isEmpty() ? "" : path + ": ") + detail, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.path = path == null ? "" : path;
    this.detail = detail;
  }

  /** What is wrong, without the location. */
  public String detail() {
    return detail;
  }

  /** What is wrong. */
  public Problem problem() {
    return problem;
  }

  /** Where, as a JSON-path-like location; {@code "$"} for the body as a whole. */
  public String path() {
    return path;
  }
}
