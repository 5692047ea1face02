package dev.fakeguru;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A library FakeGuru needs is older than the oldest version it supports (or missing), usually
 * because a BOM or parent POM of the build (Spring Boot's, a company parent) manages an older
 * version over FakeGuru's own. Thrown when a {@link FakeCodeGuruProfiler} or a {@code ProfileCodec}
 * is built (Jackson, ion-java, WireMock) and when the JUnit extension starts (JUnit Jupiter) or
 * first uses the AWS SDK; the message names the library, the version found, the version needed and
 * how to fix the build, instead of a {@code NoClassDefFoundError} deep inside a codec.
 *
 * <pre>{@code
 * FakeCodeGuruProfiler.builder().start();
 * // UnsupportedDependencyException: FakeGuru needs Jackson (com.fasterxml.jackson.core:jackson-core)
 * // 2.15.0 or newer, but found 2.14.3 (jackson-core-2.14.3.jar). [...] Fix the build: import
 * // com.fasterxml.jackson:jackson-bom 2.15.0 or newer [...]
 * }</pre>
 *
 * <p>Immutable; the supported versions are listed under "Supported versions" in the README.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class UnsupportedDependencyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String library;
  private final String foundVersion;
  private final String requiredVersion;

  /**
   * A library below its supported floor.
   *
   * @param library the library, with its Maven coordinates, e.g. {@code "Jackson
   *     (com.fasterxml.jackson.core:jackson-core)"}
   * @param foundVersion what the class path has, e.g. {@code "2.14.3 (jackson-core-2.14.3.jar)"},
   *     or {@code "none"}
   * @param requiredVersion the oldest supported version, e.g. {@code "2.15.0"}
   * @param fix how to fix the build, one sentence without the final period
   */
  public UnsupportedDependencyException(
      String library, String foundVersion, String requiredVersion, String fix) {
    super(
        "FakeGuru needs "
            + library
            + " "
            + requiredVersion
            + " or newer, but found "
            + foundVersion
            + ". A BOM or parent POM in your build (Spring Boot's, a company parent) usually"
            + " manages the older version over FakeGuru's own. Fix the build: "
            + fix
            + ". See \"Supported versions\" in FakeGuru's README.");
    this.library = Objects.requireNonNull(library, "library");
    this.foundVersion = Objects.requireNonNull(foundVersion, "foundVersion");
    this.requiredVersion = Objects.requireNonNull(requiredVersion, "requiredVersion");
  }

  /** The library, with its Maven coordinates. */
  public String library() {
    return library;
  }

  /** The version found on the class path (and its jar where known), or {@code "none"}. */
  public String foundVersion() {
    return foundVersion;
  }

  /** The oldest supported version. */
  public String requiredVersion() {
    return requiredVersion;
  }
}
