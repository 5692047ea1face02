package dev.fakeguru.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.benchmarks.suites.AnnotatedSdkTests;
import dev.fakeguru.benchmarks.suites.AnnotatedTinyTests;
import dev.fakeguru.benchmarks.suites.PlainSdkTests;
import dev.fakeguru.benchmarks.suites.PlainTinyTests;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a JUnit suite pays for the annotation form (issue 21, target 4(b)): one operation runs a
 * test class of 1,000 tests through the real JUnit Platform Launcher (discovery and execution, as a
 * build tool does), {@code form=annotation} with {@code @FakeCodeGuruProfilerTest} and {@code
 * form=plain} the same tests without it. The per-test overhead is (annotation - plain) / 1,000; the
 * class's fake start and close are part of it (once per 1,000 tests). {@code tests=tiny}: one
 * trivial assertion per test; {@code tests=sdk}: one ConfigureAgent call through the SDK per test,
 * to a fake that the plain class starts by hand. A run whose tests do not all pass fails.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class JUnitSuiteBenchmark {
  @Param({"plain", "annotation"})
  public String form;

  @Param({"tiny", "sdk"})
  public String tests;

  private Launcher launcher;
  private LauncherDiscoveryRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    boolean annotated = form.equals("annotation");
    Class<?> testClass =
        tests.equals("tiny")
            ? (annotated ? AnnotatedTinyTests.class : PlainTinyTests.class)
            : (annotated ? AnnotatedSdkTests.class : PlainSdkTests.class);
    launcher = LauncherFactory.create();
    request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
            .build();
  }

  /** Discovers and runs the 1,000 tests; fails unless all of them passed. */
  @Benchmark
  public long runThousandTests() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTestsSucceededCount() != 1000 || summary.getTotalFailureCount() != 0) {
      java.io.StringWriter out = new java.io.StringWriter();
      summary.printFailuresTo(new java.io.PrintWriter(out), 20);
      throw new IllegalStateException(
          summary.getTestsSucceededCount() + " of 1,000 tests passed: " + out);
    }
    return summary.getTestsSucceededCount();
  }
}
