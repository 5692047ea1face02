package dev.fakeguru.internal.versions;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oldest versions of the libraries core runs on (Jackson core and databind, ion-java, WireMock
 * standalone), each decided by the API FakeGuru calls and proven by the floor matrix ({@code
 * it/floors}). A library counts as supported when that API is there; its version is read only for
 * the message. Every probe goes by class name without initialising anything, so the check itself
 * never fails on the old library it is looking for. Thread-safe; checked once per class loader.
 */
public final class DependencyFloors {
  /**
   * A library below its floor: what the public {@code UnsupportedDependencyException} reports.
   *
   * @param library the library and its Maven coordinates
   * @param found the version found (and its jar), or {@code "none"}
   * @param required the oldest supported version
   * @param fix how to fix the build
   */
  public record Shortfall(String library, String found, String required, String fix) {}

  /** One library: its floor, the probe for the API it must have, and where its version is. */
  private record Floor(
      String library,
      String required,
      String fix,
      Predicate<ClassLoader> supported,
      Function<ClassLoader, String> version,
      String anyClass) {}

  private static final String JACKSON_FIX =
      "import com.fasterxml.jackson:jackson-bom 2.15.0 or newer in <dependencyManagement>, ahead"
          + " of the BOM that manages the old one (under Spring Boot's parent: set the property"
          + " jackson-bom.version)";

  private static final List<Floor> FLOORS =
      List.of(
          // StreamReadConstraints (2.15) bounds nesting, numbers and strings of hostile bodies.
          new Floor(
              "Jackson (com.fasterxml.jackson.core:jackson-core)",
              "2.15.0",
              JACKSON_FIX,
              loader -> hasClass(loader, "com.fasterxml.jackson.core.StreamReadConstraints"),
              loader -> staticField(loader, "com.fasterxml.jackson.core.json.PackageVersion"),
              "com.fasterxml.jackson.core.JsonFactory"),
          // JsonNode.properties() (2.15) walks the members of JSON requests.
          new Floor(
              "Jackson (com.fasterxml.jackson.core:jackson-databind)",
              "2.15.0",
              JACKSON_FIX,
              loader -> hasMethod(loader, "com.fasterxml.jackson.databind.JsonNode", "properties"),
              loader -> staticField(loader, "com.fasterxml.jackson.databind.cfg.PackageVersion"),
              "com.fasterxml.jackson.databind.ObjectMapper"),
          // 1.4.0 is the first release under com.amazon.ion: the check finds a missing library.
          new Floor(
              "Amazon Ion (com.amazon.ion:ion-java)",
              "1.4.0",
              "depend on com.amazon.ion:ion-java 1.4.0 or newer (FakeGuru brings it; an exclusion"
                  + " or a BOM took it away)",
              loader -> hasClass(loader, "com.amazon.ion.system.IonReaderBuilder"),
              DependencyFloors::ionVersion,
              "com.amazon.ion.IonReader"),
          // FakeGuru serves on the relocated Jetty 11 and Jakarta Servlet; 3.2.0 is the oldest
          // release tested, recognised by a method it introduced. A non-standalone WireMock first
          // on the class path lacks the relocated classes and the method.
          new Floor(
              "WireMock (org.wiremock:wiremock-standalone)",
              "3.2.0",
              "manage org.wiremock:wiremock-standalone 3.2.0 or newer (FakeGuru needs its relocated"
                  + " Jetty), and keep a non-standalone WireMock (org.wiremock:wiremock,"
                  + " com.github.tomakehurst:wiremock-jre8) off the test class path or after it",
              loader ->
                  hasMethod(
                      loader,
                      "com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer",
                      "decorateMockServiceContextBeforeConfig",
                      "wiremock.org.eclipse.jetty.servlet.ServletContextHandler"),
              loader ->
                  implementationVersion(loader, "com.github.tomakehurst.wiremock.WireMockServer"),
              "com.github.tomakehurst.wiremock.WireMockServer"));

  private static final Pattern VERSION_IN_JAR_NAME = Pattern.compile("-(\\d+\\.\\d+[^/]*?)\\.jar$");

  private DependencyFloors() {}

  /** The first library of core's class loader below its floor, if any (checked once). */
  public static Optional<Shortfall> shortfall() {
    return Checked.RESULT;
  }

  private static final class Checked {
    static final Optional<Shortfall> RESULT = check(DependencyFloors.class.getClassLoader());
  }

  /** The first library visible from {@code loader} below its floor, if any. */
  static Optional<Shortfall> check(ClassLoader loader) {
    for (Floor floor : FLOORS) {
      if (!floor.supported().test(loader)) {
        return Optional.of(
            new Shortfall(floor.library(), found(loader, floor), floor.required(), floor.fix()));
      }
    }
    return Optional.empty();
  }

  private static String found(ClassLoader loader, Floor floor) {
    String jar = jarOf(loader, floor.anyClass());
    if (jar == null) {
      return "none";
    }
    String version = floor.version().apply(loader);
    if (version == null) {
      version =
          versionInJarName(jar); // e.g. WireMock standalone, whose manifest before 3.6 has none
    }
    return (version == null ? "an unknown version" : version) + " (" + jar + ")";
  }

  /** "3.2.0" from "wiremock-standalone-3.2.0.jar", as Maven names the jars it resolves. */
  static String versionInJarName(String jar) {
    Matcher m = VERSION_IN_JAR_NAME.matcher(jar);
    return m.find() ? m.group(1) : null;
  }

  static boolean hasClass(ClassLoader loader, String name) {
    return load(loader, name) != null;
  }

  static boolean hasMethod(
      ClassLoader loader, String className, String method, String... parameterTypes) {
    Class<?> owner = load(loader, className);
    if (owner == null) {
      return false;
    }
    try {
      Class<?>[] types = new Class<?>[parameterTypes.length];
      for (int i = 0; i < types.length; i++) {
        types[i] = Class.forName(parameterTypes[i], false, loader);
      }
      // Declared or inherited: WireMock 3.2 to 3.5 declare the hook on JettyHttpServer only.
      for (Class<?> c = owner; c != null; c = c.getSuperclass()) {
        try {
          c.getDeclaredMethod(method, types);
          return true;
        } catch (NoSuchMethodException e) {
          // look in the superclass
        }
      }
      return false;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /** Jackson's {@code PackageVersion.VERSION}, a {@code Version} whose text is "2.14.3". */
  private static String staticField(ClassLoader loader, String className) {
    Class<?> owner = load(loader, className);
    try {
      return owner == null ? null : String.valueOf(owner.getField("VERSION").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** ion-java's own {@code JarInfo}, which knows where each release keeps its version. */
  private static String ionVersion(ClassLoader loader) {
    Class<?> jarInfo = load(loader, "com.amazon.ion.util.JarInfo");
    if (jarInfo == null) {
      return null;
    }
    try {
      Object info = jarInfo.getConstructor().newInstance();
      return String.valueOf(jarInfo.getMethod("getProjectVersion").invoke(info));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static String implementationVersion(ClassLoader loader, String className) {
    Class<?> c = load(loader, className);
    return c == null || c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
  }

  /** The file name of the jar (or directory) a class comes from, or null if it is absent. */
  static String jarOf(ClassLoader loader, String className) {
    Class<?> c = load(loader, className);
    if (c == null) {
      return null;
    }
    CodeSource source = c.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return "unknown location";
    }
    String path = location.getPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
