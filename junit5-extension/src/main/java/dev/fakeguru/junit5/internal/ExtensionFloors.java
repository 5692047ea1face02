package dev.fakeguru.junit5.internal;

import dev.fakeguru.UnsupportedDependencyException;
import java.net.URL;
import java.security.CodeSource;

/**
 * The oldest JUnit Jupiter the extension runs on, and the oldest AWS SDK v2 it builds clients for
 * and redirects, checked by the API they must have (probed by name, so the check never loads what
 * would fail); versions are read only for the message. Thread-safe; remembers only that the JUnit
 * probe passed.
 *
 * @since 0.1
 */
public final class ExtensionFloors {
  /** The first release with {@code ExtensionContext.getEnclosingTestClasses()}. */
  public static final String JUNIT_FLOOR = "5.12.1";

  /**
   * The oldest release the floor matrix tests. The probe accepts 2.28.1, the first whose clients
   * read {@code aws.endpointUrl} and {@code aws.endpointUrlCodeGuruProfiler} (its {@code
   * AwsClientEndpointProvider}); 2.28.29 is the oldest with a {@code codeguruprofiler} client the
   * registry CI uses serves.
   */
  public static final String SDK_FLOOR = "2.28.29";

  private static final String SDK_CLASS = "software.amazon.awssdk.core.util.VersionInfo";

  /** Set once the JUnit probe passed: its answer cannot change for this class's loader. */
  private static volatile boolean junitMet;

  private ExtensionFloors() {}

  /**
   * Fails unless the JUnit Jupiter API has what the extension calls: {@code ResourceLocksProvider}
   * (5.12, the annotation's locks) and {@code ExtensionContext.getEnclosingTestClasses()} (5.12.1).
   *
   * @throws UnsupportedDependencyException naming the version found and the fix
   */
  public static void requireJUnit() {
    if (junitMet) {
      return; // called around every test: probe by reflection once
    }
    ClassLoader loader = ExtensionFloors.class.getClassLoader();
    String context = "org.junit.jupiter.api.extension.ExtensionContext";
    if (load(loader, "org.junit.jupiter.api.parallel.ResourceLocksProvider") != null
        && hasMethod(loader, context, "getEnclosingTestClasses")) {
      junitMet = true;
      return;
    }
    Class<?> api = load(loader, context);
    String version = api.getPackage() == null ? null : api.getPackage().getImplementationVersion();
    throw new UnsupportedDependencyException(
        "JUnit Jupiter (org.junit.jupiter:junit-jupiter-api)",
        found(version, api),
        JUNIT_FLOOR,
        "import org.junit:junit-bom "
            + JUNIT_FLOOR
            + " or newer (5.14.x or 6.x) in <dependencyManagement>, ahead of the BOM that manages"
            + " the old one (under Spring Boot's parent: set the property junit-jupiter.version);"
            + " FakeCodeGuruProfiler itself, without the extension, needs no JUnit at all");
  }

  /**
   * Fails if the AWS SDK v2 visible from {@code loader} is older than {@link #SDK_FLOOR}; does
   * nothing when there is no SDK there.
   *
   * @throws UnsupportedDependencyException naming the version found and the fix
   */
  public static void requireSdk(ClassLoader loader) {
    Class<?> versionInfo = load(loader, SDK_CLASS);
    if (versionInfo == null
        || load(loader, "software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider")
            != null) {
      return;
    }
    String version;
    try {
      // Read by reflection: a constant named in code would be the version we compiled against.
      version = String.valueOf(versionInfo.getField("SDK_VERSION").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      version = null;
    }
    throw new UnsupportedDependencyException(
        "the AWS SDK for Java v2 (software.amazon.awssdk)",
        found(version, versionInfo),
        SDK_FLOOR,
        "import software.amazon.awssdk:bom "
            + SDK_FLOOR
            + " or newer in <dependencyManagement>, ahead of the BOM that manages the old one;"
            + " older clients ignore the endpoint override FakeGuru sets");
  }

  private static String found(String version, Class<?> from) {
    return (version == null ? "an unknown version" : version) + " (" + jarOf(from) + ")";
  }

  private static boolean hasMethod(ClassLoader loader, String className, String method) {
    Class<?> owner = load(loader, className);
    try {
      return owner != null && owner.getMethod(method) != null;
    } catch (NoSuchMethodException | LinkageError e) {
      return false;
    }
  }

  private static String jarOf(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return "unknown location";
    }
    String path = location.getPath().replaceAll("/$", "");
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
