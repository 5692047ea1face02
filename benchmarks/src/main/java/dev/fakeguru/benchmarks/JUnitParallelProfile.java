package dev.fakeguru.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.benchmarks.suites.ParallelSdkTests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import jdk.jfr.Recording;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Target 4(c): runs {@link ParallelSdkTests} (two {@code @Nested} classes, 3,000 tests posting and
 * reading through the SDK, one shared fake) through the JUnit Platform Launcher with parallel
 * execution on, fixed parallelism 8; once to warm up, then again under a JFR recording of CPU
 * samples (every 10 ms) and of every {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark} (no
 * threshold), written to the given file for {@link JfrStacks}. JUnit's and the SDK's stacks are
 * deeper than JFR's default 64 frames: run with {@code -XX:FlightRecorderOptions:stackdepth=256}.
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -XX:FlightRecorderOptions:stackdepth=256 \
 *     -cp benchmarks/target/fakeguru-benchmarks.jar \
 *     dev.fakeguru.benchmarks.JUnitParallelProfile /tmp/parallel.jfr
 * }</pre>
 */
public final class JUnitParallelProfile {
  private JUnitParallelProfile() {}

  /**
   * Runs the class twice, records the second run.
   *
   * @param args the recording to write
   * @throws IOException if the recording cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "parallel.jfr");
    Launcher launcher = LauncherFactory.create();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(ParallelSdkTests.class))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8")
            .build();
    run(launcher, request, "warm-up");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withStackTrace();
      recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      run(launcher, request, "recorded");
      recording.stop();
      recording.dump(out);
    }
    System.out.println("recording: " + out);
  }

  private static void run(Launcher launcher, LauncherDiscoveryRequest request, String what) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(request, listener);
    long ms = (System.nanoTime() - start) / 1_000_000;
    long passed = listener.getSummary().getTestsSucceededCount();
    System.out.printf(
        Locale.ROOT,
        "%s: %d tests passed, %d failed, %d ms%n",
        what,
        passed,
        listener.getSummary().getTotalFailureCount(),
        ms);
    if (listener.getSummary().getTotalFailureCount() != 0 || passed == 0) {
      listener.getSummary().printFailuresTo(new java.io.PrintWriter(System.out, true), 10);
      throw new IllegalStateException("the parallel suite failed");
    }
  }
}
