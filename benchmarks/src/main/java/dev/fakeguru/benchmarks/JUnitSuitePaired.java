package dev.fakeguru.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.benchmarks.suites.AnnotatedSdkTests;
import dev.fakeguru.benchmarks.suites.AnnotatedTinyTests;
import dev.fakeguru.benchmarks.suites.PlainSdkTests;
import dev.fakeguru.benchmarks.suites.PlainTinyTests;
import java.util.Arrays;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Target 4(b) on a shared machine: the same measurement as {@link JUnitSuiteBenchmark}, but paired.
 * Each round runs the plain class and the annotated class (1,000 tests each) back to back through
 * the JUnit Platform Launcher, in alternating order (ABBA), and the per-test overhead is the mean
 * of the rounds' differences / 1,000, with a 99 % interval (normal approximation, t for small n is
 * close enough from 30 rounds on). A load change that spans a round hits both halves, so the
 * difference survives load that swings each half's time 2x. Warm-up rounds are not counted.
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -cp benchmarks/target/fakeguru-benchmarks.jar \
 *     dev.fakeguru.benchmarks.JUnitSuitePaired tiny 30 60
 * }</pre>
 */
public final class JUnitSuitePaired {
  private JUnitSuitePaired() {}

  /**
   * Runs the pairs and prints every round and the summary.
   *
   * @param args {@code tiny} or {@code sdk}, warm-up rounds, measured rounds
   */
  public static void main(String[] args) {
    String tests = args.length > 0 ? args[0] : "tiny";
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    boolean tiny = tests.equals("tiny");
    Launcher launcher = LauncherFactory.create();
    LauncherDiscoveryRequest plain = request(tiny ? PlainTinyTests.class : PlainSdkTests.class);
    LauncherDiscoveryRequest annotated =
        request(tiny ? AnnotatedTinyTests.class : AnnotatedSdkTests.class);
    double[] plainMs = new double[rounds];
    double[] annotatedMs = new double[rounds];
    for (int i = -warmup; i < rounds; i++) {
      double p;
      double a;
      if ((i & 1) == 0) {
        p = run(launcher, plain);
        a = run(launcher, annotated);
      } else {
        a = run(launcher, annotated);
        p = run(launcher, plain);
      }
      if (i >= 0) {
        plainMs[i] = p;
        annotatedMs[i] = a;
        System.out.printf(
            Locale.ROOT,
            "round %3d: plain %8.2f ms, annotation %8.2f ms, diff %+8.2f ms%n",
            i,
            p,
            a,
            a - p);
      }
    }
    double[] diff = new double[rounds];
    Arrays.setAll(diff, i -> annotatedMs[i] - plainMs[i]);
    System.out.printf(
        Locale.ROOT,
        "tests=%s, %d rounds of 1,000 tests each (after %d warm-up rounds)%n",
        tests,
        rounds,
        warmup);
    System.out.printf(
        Locale.ROOT,
        "plain:      mean %.2f ms, median %.2f ms per 1,000 tests%n",
        Stats.mean(plainMs),
        Stats.median(plainMs));
    System.out.printf(
        Locale.ROOT,
        "annotation: mean %.2f ms, median %.2f ms per 1,000 tests%n",
        Stats.mean(annotatedMs),
        Stats.median(annotatedMs));
    double m = Stats.mean(diff);
    double half = 2.576 * stdev(diff, m) / Math.sqrt(rounds);
    System.out.printf(
        Locale.ROOT,
        "per-test overhead: %.4f ± %.4f ms (99 %%), median of differences %.4f ms; ratio of means %.2f%n",
        m / 1000,
        half / 1000,
        Stats.median(diff) / 1000,
        Stats.mean(annotatedMs) / Stats.mean(plainMs));
  }

  private static LauncherDiscoveryRequest request(Class<?> testClass) {
    return LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(testClass))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
        .build();
  }

  private static double run(Launcher launcher, LauncherDiscoveryRequest request) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(request, listener);
    long end = System.nanoTime();
    if (listener.getSummary().getTestsSucceededCount() != 1000) {
      throw new IllegalStateException(
          listener.getSummary().getTestsSucceededCount() + " of 1,000 tests passed");
    }
    return (end - start) / 1e6;
  }

  private static double stdev(double[] xs, double mean) {
    double sum = 0;
    for (double x : xs) {
      sum += (x - mean) * (x - mean);
    }
    return Math.sqrt(sum / (xs.length - 1));
  }
}
