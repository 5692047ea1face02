package dev.fakeguru.assertj.internal;

import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.flamegraph.FlameGraphFiles;
import dev.fakeguru.profile.Profile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The flame graphs a failed call-tree, share, hot-frame, regression or tree-equality assertion
 * writes with {@link FlameGraphFiles} (the actual profile, and the difference from the baseline or
 * expected tree when there is one), and the lines that name them at the end of the message. Files
 * are named after the test method that failed (found on the stack) and the assertion. Thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FailureFlameGraphs {
  private static final String[] LIBRARY_PACKAGES = {
    "org.assertj.", "java.", "jdk.", "sun.", "org.junit.", "junit."
  };

  /** Where this module's classes come from: its frames are the assertions, not the test. */
  private static final CodeSource OURS =
      FailureFlameGraphs.class.getProtectionDomain().getCodeSource();

  private FailureFlameGraphs() {}

  /**
   * Writes the graphs and returns the lines naming them, each starting with a line break; empty
   * when {@link FlameGraphFiles#enabled()} is false. A file that cannot be written is named with
   * the reason instead, so the assertion's own message is never lost.
   *
   * @param assertion the assertion method, e.g. {@code hasFrameShareAtMost}
   * @param actual the profile asserted on
   * @param baseline the baseline or expected profile, or {@code null}
   * @param counterType the counter type the assertion measured, shown first, or {@code null}
   * @return the lines to append to the failure message
   */
  public static String lines(
      String assertion, Profile actual, Profile baseline, String counterType) {
    if (!FlameGraphFiles.enabled()) {
      return "";
    }
    String name = testName().map(t -> t + "-").orElse("") + assertion;
    StringBuilder sb = new StringBuilder();
    sb.append("\nFlame graph of the actual profile: ")
        .append(write(name, FlameGraph.of(actual).withTitle(name), counterType));
    if (baseline != null) {
      String against = assertion.equals("isEqualToTree") ? "the expected tree" : "the baseline";
      sb.append("\nDifferential flame graph (width: actual, colour: change from ")
          .append(against)
          .append("): ")
          .append(
              write(
                  name + "-diff",
                  FlameGraph.differential(baseline, actual)
                      .withTitle(name + ": actual against " + against),
                  counterType));
    }
    return sb.toString();
  }

  private static String write(String name, FlameGraph graph, String counterType) {
    try {
      Path file =
          FlameGraphFiles.write(
              name, counterType == null ? graph : graph.withCounterType(counterType));
      return file.toString().replace('\\', '/');
    } catch (UncheckedIOException e) {
      return "(not written: " + e.getMessage() + ")";
    }
  }

  /**
   * {@code TestClass.method} of the first caller outside this module, AssertJ, JUnit and the JDK.
   */
  static Optional<String> testName() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .filter(f -> !isLibrary(f.getDeclaringClass()))
                    .findFirst()
                    .map(f -> simpleName(f.getClassName()) + "." + method(f.getMethodName())));
  }

  private static boolean isLibrary(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source != null && source.equals(OURS)) {
      return true;
    }
    for (String p : LIBRARY_PACKAGES) {
      if (type.getName().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** A lambda's method, e.g. {@code lambda$uploads$0}, is named after the method holding it. */
  private static String method(String name) {
    if (name.startsWith("lambda$")) {
      int end = name.indexOf('$', "lambda$".length());
      return end < 0 ? name : name.substring("lambda$".length(), end);
    }
    return name;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
