package dev.fakeguru.flamegraph;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Where FakeGuru's test integrations write flame graphs when a test fails: the AssertJ assertions
 * (the actual profile, and a differential graph against the baseline or expected tree) and the
 * JUnit extension (what the fake received, per profiling group, when it cannot attach the files to
 * the test report itself).
 *
 * <p>Two system properties, read at every failure:
 *
 * <ul>
 *   <li>{@value #ENABLED_PROPERTY}{@code =false} writes no files (and failure messages name none);
 *   <li>{@value #DIRECTORY_PROPERTY} sets the directory, by default {@value #DEFAULT_DIRECTORY}
 *       relative to the working directory (a Maven or Gradle build runs tests in the module's
 *       directory, so that is the module's {@code target/fakeguru}).
 * </ul>
 *
 * <p>Thread-safe: concurrent failures get distinct files.
 *
 * <pre>{@code
 * // in a build: mvn test -Dfakeguru.flamegraphs.dir=build/flamegraphs
 * Path file = FlameGraphFiles.write("CheckoutTest.uploads", FlameGraph.of(profile));
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FlameGraphFiles {
  /** The system property that turns the files off when set to {@code false}. */
  public static final String ENABLED_PROPERTY = "fakeguru.flamegraphs";

  /** The system property naming the directory the files go to. */
  public static final String DIRECTORY_PROPERTY = "fakeguru.flamegraphs.dir";

  /** The directory used when {@value #DIRECTORY_PROPERTY} is not set. */
  public static final String DEFAULT_DIRECTORY = "target/fakeguru";

  private static final int MAX_NAME_LENGTH = 160;
  private static final Map<String, Integer> USED = new ConcurrentHashMap<>();

  private FlameGraphFiles() {}

  /**
   * Whether failures should write flame graphs: unless {@value #ENABLED_PROPERTY} is {@code false}.
   *
   * @return true by default
   */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "").strip());
  }

  /**
   * The directory the files go to, as configured (relative paths stay relative, so messages that
   * name a file stay the same on every machine).
   *
   * @return {@value #DIRECTORY_PROPERTY}, or {@value #DEFAULT_DIRECTORY}
   */
  public static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY, "").strip();
    return Path.of(configured.isEmpty() ? DEFAULT_DIRECTORY : configured);
  }

  /**
   * Writes {@code graph}'s HTML to {@code <directory>/<name>.html}. The name is made safe for file
   * systems (characters other than letters, digits, {@code . _ -} become {@code _}, and it is
   * shortened), and a name already written by this JVM gets {@code -2}, {@code -3}, … so that two
   * failures of one test do not overwrite each other.
   *
   * @param name what the file is about, e.g. {@code CheckoutTest.uploads}
   * @param graph the flame graph
   * @return the file written, under {@link #directory()}
   * @throws java.io.UncheckedIOException if it cannot be written
   */
  public static Path write(String name, FlameGraph graph) {
    String safe = safeName(name);
    int n = USED.merge(safe, 1, Integer::sum);
    Path file = directory().resolve(n == 1 ? safe + ".html" : safe + "-" + n + ".html");
    return graph.writeHtml(file);
  }

  /**
   * {@code name} with every character other than ASCII letters, digits, {@code .}, {@code _} and
   * {@code -} replaced by {@code _}, at most 160 characters; {@code flamegraph} if nothing is left.
   *
   * @param name any text
   * @return a file name without extension
   */
  public static String safeName(String name) {
    StringBuilder sb = new StringBuilder(Math.min(name.length(), MAX_NAME_LENGTH));
    for (int i = 0; i < name.length() && sb.length() < MAX_NAME_LENGTH; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      sb.append(ok ? c : '_');
    }
    String s = sb.toString();
    while (s.startsWith(".")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? "flamegraph" : s;
  }
}
