package dev.fakeguru.server;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, from the JVM's own class histogram ({@code jcmd <pid>
 * GC.class_histogram}, here through its MBean): the JVM runs a full collection first and counts
 * only reachable objects, so the counts do not depend on when a collection last happened.
 */
final class LiveObjects {
  /** {@code 12: 4567 123456 dev.fakeguru.Foo (module)}. */
  private static final Pattern ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s.*)?$");

  private final Map<String, long[]> byClass;

  private LiveObjects(Map<String, long[]> byClass) {
    this.byClass = byClass;
  }

  /** Counts now. */
  static LiveObjects count() {
    String histogram;
    try {
      histogram =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IllegalStateException("no class histogram from this JVM", e);
    }
    Map<String, long[]> byClass = new HashMap<>();
    for (String line : histogram.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        byClass.put(
            m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
      }
    }
    if (byClass.isEmpty()) {
      throw new IllegalStateException("unreadable class histogram: " + histogram);
    }
    return new LiveObjects(byClass);
  }

  /** Live instances of the class of this binary name. */
  long instances(String className) {
    long[] row = byClass.get(className);
    return row == null ? 0 : row[0];
  }

  /** Bytes held by the instances of every class whose name starts with {@code prefix}. */
  long bytesOfClassesStartingWith(String prefix) {
    return byClass.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(e -> e.getValue()[1])
        .sum();
  }

  /** The {@code n} classes starting with {@code prefix} that hold the most bytes, for reports. */
  String largestStartingWith(String prefix, int n) {
    return byClass.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .sorted(
            Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
        .limit(n)
        .map(e -> e.getKey() + " " + e.getValue()[0] + " (" + e.getValue()[1] + " B)")
        .collect(Collectors.joining(", "));
  }
}
