package dev.fakeguru.junit5;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.time.SettableClock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What one extension was configured with: the fake's builder options (replayed on a fresh builder
 * for every fake it starts) and the extension's own switches. Immutable.
 *
 * @since 0.1
 */
final class ExtensionSettings {
  private final List<Consumer<FakeCodeGuruProfiler.Builder>> options;
  private final boolean resetEachTest;
  private final boolean failOnUnexpectedCalls;
  private final boolean failOnUnconsumedScripts;
  private final boolean pointSdkClientsAtFake;

  /** Settings from explicit values. */
  ExtensionSettings(
      List<Consumer<FakeCodeGuruProfiler.Builder>> options,
      boolean resetEachTest,
      boolean failOnUnexpectedCalls,
      boolean failOnUnconsumedScripts,
      boolean pointSdkClientsAtFake) {
    this.options = List.copyOf(options);
    this.resetEachTest = resetEachTest;
    this.failOnUnexpectedCalls = failOnUnexpectedCalls;
    this.failOnUnconsumedScripts = failOnUnconsumedScripts;
    this.pointSdkClientsAtFake = pointSdkClientsAtFake;
  }

  /** The defaults of {@code @FakeCodeGuruProfilerTest}, for a bare {@code @ExtendWith}. */
  static ExtensionSettings defaults() {
    return new ExtensionSettings(List.of(), true, false, false, false);
  }

  /**
   * Settings from an annotation found on {@code where}.
   *
   * @throws ExtensionConfigurationException naming the attribute when a value is invalid
   */
  static ExtensionSettings from(FakeCodeGuruProfilerTest a, Class<?> where) {
    List<Consumer<FakeCodeGuruProfiler.Builder>> options = new ArrayList<>();
    String at = "@FakeCodeGuruProfilerTest on " + where.getName();
    FakeCodeGuruProfiler.Builder probe = FakeCodeGuruProfiler.builder();
    for (String group : a.profilingGroups()) {
      try {
        probe.profilingGroup(group);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(
            at + ": profilingGroups contains an invalid name '" + group + "': " + e.getMessage(),
            e);
      }
      options.add(b -> b.profilingGroup(group));
    }
    boolean autoCreate = a.autoCreateProfilingGroups();
    options.add(b -> b.autoCreateProfilingGroups(autoCreate));
    if (!a.region().isEmpty()) {
      String region = a.region();
      options.add(b -> b.region(region));
    }
    if (!a.clockStart().isEmpty()) {
      Instant start;
      try {
        start = Instant.parse(a.clockStart());
      } catch (DateTimeParseException e) {
        throw new ExtensionConfigurationException(
            at
                + ": clockStart '"
                + a.clockStart()
                + "' is not an ISO-8601 instant; write it like \"2024-01-02T03:00:00Z\", or leave it empty for the system time.",
            e);
      }
      options.add(b -> b.clock(SettableClock.at(start))); // a new clock for every fake
    }
    return new ExtensionSettings(
        options,
        a.resetEachTest(),
        a.failOnUnexpectedCalls(),
        a.failOnUnconsumedScripts(),
        a.pointSdkClientsAtFake());
  }

  /** A new, started fake with these options. */
  FakeCodeGuruProfiler startFake() {
    FakeCodeGuruProfiler.Builder builder = FakeCodeGuruProfiler.builder();
    options.forEach(option -> option.accept(builder));
    return builder.start();
  }

  /** Whether the fake is reset before each test. */
  boolean resetEachTest() {
    return resetEachTest;
  }

  /** Whether a test fails when the fake answered an unexpected call. */
  boolean failOnUnexpectedCalls() {
    return failOnUnexpectedCalls;
  }

  /** Whether a test fails when a queued answer was never served. */
  boolean failOnUnconsumedScripts() {
    return failOnUnconsumedScripts;
  }

  /** Whether SDK clients built with defaults are redirected to the fake via system properties. */
  boolean pointSdkClientsAtFake() {
    return pointSdkClientsAtFake;
  }
}
