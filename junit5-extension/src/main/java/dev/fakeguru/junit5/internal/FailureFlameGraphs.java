package dev.fakeguru.junit5.internal;

import dev.fakeguru.ProfilerFake;
import dev.fakeguru.flamegraph.FlameGraph;
import dev.fakeguru.flamegraph.FlameGraphFiles;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * On a failure, one flame graph per profiling group of the profiles the fake received (every
 * decodable post merged), attached to the test report with {@code ExtensionContext.publishFile}
 * where JUnit has it (5.12 and later, found by reflection so that older JUnits still link), and
 * otherwise written with {@link FlameGraphFiles}. Off when {@link FlameGraphFiles#enabled()} is
 * false. Stateless and thread-safe.
 */
public final class FailureFlameGraphs {
  private static final String[] MEDIA_TYPES = {
    "org.junit.jupiter.api.MediaType", "org.junit.jupiter.api.extension.MediaType"
  };

  private FailureFlameGraphs() {}

  /**
   * Writes or attaches the graphs of what {@code fake} received.
   *
   * @param context the failed test's (or lifecycle method's) context
   * @param fake the running fake
   * @return lines naming the files, each starting with a line break; empty if there is none
   */
  public static String attach(ExtensionContext context, ProfilerFake fake) {
    if (!FlameGraphFiles.enabled()) {
      return "";
    }
    try {
      return drawEachGroup(context, fake);
    } catch (RuntimeException e) {
      // The test's own failure must reach the report whatever goes wrong here.
      return "\nFlame graphs not drawn: " + e;
    }
  }

  private static String drawEachGroup(ExtensionContext context, ProfilerFake fake) {
    Map<String, Profile> merged = new TreeMap<>();
    Map<String, Integer> posts = new TreeMap<>();
    for (RecordedProfilePost post : fake.profilePosts()) {
      post.profile()
          .ifPresent(
              p -> {
                merged.merge(post.profilingGroup(), p, Profile::merge);
                posts.merge(post.profilingGroup(), 1, Integer::sum);
              });
    }
    StringBuilder lines = new StringBuilder();
    String test = testName(context);
    merged.forEach(
        (group, profile) -> {
          FlameGraph graph =
              FlameGraph.of(profile)
                  .withTitle(group + " · " + posts.get(group) + " posts · " + test);
          String fileName = FlameGraphFiles.safeName("flamegraph-" + group) + ".html";
          Path published = publish(context, fileName, graph.toHtml());
          lines
              .append("\nFlame graph of group ")
              .append(group)
              .append(" (")
              .append(posts.get(group))
              .append(posts.get(group) == 1 ? " post): " : " posts): ");
          if (published != null) {
            lines.append(published).append(" (attached to the test report)");
          } else {
            lines.append(write(test + "-" + group, graph));
          }
        });
    return lines.toString();
  }

  private static String write(String name, FlameGraph graph) {
    try {
      return FlameGraphFiles.write(name, graph).toString();
    } catch (UncheckedIOException e) {
      return "(not written: " + e.getMessage() + ")";
    }
  }

  private static String testName(ExtensionContext context) {
    String cls = context.getTestClass().map(Class::getSimpleName).orElse("test");
    return context.getTestMethod().map(m -> cls + "." + m.getName()).orElse(cls);
  }

  /** The file JUnit published, or {@code null} if this JUnit cannot publish files. */
  static Path publish(ExtensionContext context, String fileName, String html) {
    Method publishFile = null;
    Object mediaType = null;
    for (String name : MEDIA_TYPES) {
      try {
        Class<?> type = Class.forName(name, false, ExtensionContext.class.getClassLoader());
        publishFile =
            ExtensionContext.class.getMethod(
                "publishFile", String.class, type, ThrowingConsumer.class);
        mediaType = type.getMethod("parse", String.class).invoke(null, "text/html");
        break;
      } catch (ReflectiveOperationException | LinkageError absent) {
        publishFile = null; // older JUnit: try the next, then write the file ourselves
      }
    }
    if (publishFile == null) {
      return null;
    }
    AtomicReference<Path> written = new AtomicReference<>();
    ThrowingConsumer<Path> write =
        path -> written.set(Files.writeString(path, html, StandardCharsets.UTF_8));
    try {
      publishFile.invoke(context, fileName, mediaType, write);
      return written.get();
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null; // e.g. no output directory: fall back to writing the file
    }
  }
}
