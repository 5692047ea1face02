package dev.fakeguru.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares one {@link PostPathBenchmark} method between two builds of the benchmarks jar in ONE
 * JVM, interleaved: each jar is loaded in its own class loader (FakeGuru and its dependencies
 * twice), and the two sides run alternating batches, so that both see the same load and the same
 * JIT. Each batch is timed in the thread's CPU time (what a loaded machine's scheduler does not
 * distort) and in wall time. Not a JMH benchmark: on a 2-core machine shared by several builds
 * (load averages of 10 to 20), single-threaded JMH runs of a few minutes measured the scheduler,
 * not the code (wall times 10 to 100 times the quiet figures). Garbage collection runs on other
 * threads, so what a change saves in allocation shows in wall time only.
 *
 * <pre>
 * java -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.PostPathAb \
 *     old.jar new.jar decodeAndStore 60 20 200
 * </pre>
 *
 * <p>Arguments: jar A (baseline), jar B, the {@code PostPathBenchmark} method (or two, {@code a,b}:
 * A runs the first and B the second, e.g. to compare a breakdown with a floor in one build),
 * rounds, warm-up rounds (not counted), operations per batch. Prints each counted round and then,
 * per side, the median and mean CPU and wall microseconds per operation, and the ratio B/A of the
 * paired rounds (median, mean and its 99.9 % interval over the rounds).
 */
public final class PostPathAb {
  private PostPathAb() {}

  /** Runs the comparison; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String method = args[2];
    String[] methods = method.split(",", 2); // "m" for both sides, or "a,b" (two breakdowns)
    int rounds = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    int batch = Integer.parseInt(args[5]);
    Side a = new Side("A", Path.of(args[0]), methods[0]);
    Side b = new Side("B", Path.of(args[1]), methods[methods.length - 1]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<double[]> cpu = new ArrayList<>();
    List<double[]> wall = new ArrayList<>();
    for (int r = 0; r < warmup + rounds; r++) {
      // Alternate which side goes first, so neither always follows the other's garbage.
      Side first = r % 2 == 0 ? a : b;
      Side second = first == a ? b : a;
      double[] c = new double[2];
      double[] w = new double[2];
      for (Side s : new Side[] {first, second}) {
        s.reset();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          s.run();
        }
        int k = s == a ? 0 : 1;
        c[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / batch;
        w[k] = (System.nanoTime() - w0) / 1e3 / batch;
      }
      if (r >= warmup) {
        cpu.add(c);
        wall.add(w);
        System.out.printf(
            Locale.ROOT,
            "round %d: cpu A %.1f B %.1f us/op (B/A %.3f); wall A %.1f B %.1f us/op (B/A %.3f)%n",
            r - warmup,
            c[0],
            c[1],
            c[1] / c[0],
            w[0],
            w[1],
            w[1] / w[0]);
      }
    }
    System.out.println(
        "method " + method + ", " + rounds + " rounds of " + batch + " ops per side");
    report("cpu", cpu);
    report("wall", wall);
  }

  private static void report(String what, List<double[]> rows) {
    int n = rows.size();
    double[] as = new double[n];
    double[] bs = new double[n];
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      as[i] = rows.get(i)[0];
      bs[i] = rows.get(i)[1];
      ratios[i] = bs[i] / as[i];
    }
    System.out.printf(
        Locale.ROOT,
        "%s: A median %.1f mean %.1f +- %.1f us/op; B median %.1f mean %.1f +- %.1f us/op;"
            + " B/A median %.3f, mean %.3f +- %.3f (99.9%%)%n",
        what,
        Stats.median(as),
        Stats.mean(as),
        Stats.halfInterval(as),
        Stats.median(bs),
        Stats.mean(bs),
        Stats.halfInterval(bs),
        Stats.median(ratios),
        Stats.mean(ratios),
        Stats.halfInterval(ratios));
  }

  /** One jar's {@code PostPathBenchmark}, in a class loader of its own. */
  private static final class Side {
    private final Object bench;
    private final Method op;
    private final Method forget;

    Side(String name, Path jar, String method) throws Exception {
      URL url = jar.toUri().toURL();
      // The platform loader as parent: every FakeGuru and library class comes from this jar.
      URLClassLoader loader =
          new URLClassLoader("side-" + name, new URL[] {url}, ClassLoader.getPlatformClassLoader());
      Class<?> type = Class.forName("dev.fakeguru.benchmarks.PostPathBenchmark", true, loader);
      bench = type.getConstructor().newInstance();
      type.getMethod("setUp").invoke(bench);
      op = type.getMethod(method);
      forget = type.getMethod("forget");
    }

    void reset() throws Exception {
      forget.invoke(bench);
    }

    void run() throws Exception {
      op.invoke(bench);
    }
  }
}
