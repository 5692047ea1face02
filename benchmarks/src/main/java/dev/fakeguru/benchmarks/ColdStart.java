package dev.fakeguru.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process start-up (targets 4(a) and 5): launches fresh JVMs, the sides taking turns (round r
 * starts with side r mod n, so load hits every side alike), and measures the wall time from launch
 * to the ready line on stdout and to the first answered HTTP call. Prints per side the median, min
 * and max, and each side's ratio to the baseline: of medians with a 95 % bootstrap band, and of
 * minima.
 *
 * <pre>
 * java -cp fakeguru-benchmarks.jar dev.fakeguru.benchmarks.ColdStart [--rounds N] [--warmup W]
 *     [--java PATH] [--fake-jar JAR] [--wiremock-jar JAR] [--baseline NAME]
 *     --side NAME=KIND[:JVMARG[,JVMARG...]] ...
 * </pre>
 *
 * <p>Each JVM runs in a fresh empty directory, so a path in a JVM argument (a CDS archive, an AOT
 * cache) must be absolute; add {@code -Xshare:on} or {@code -XX:AOTMode=on} so that a cache the JVM
 * cannot use fails the run instead of being skipped silently.
 *
 * <p>{@code KIND@JAR} runs another jar of that kind (a build from before a change, for an A/B run).
 * A {@code -sdk} side's ratio is to the baseline's {@code -sdk} twin when there is one.
 *
 * <p>Kinds: {@code first-fake}, {@code first-wiremock} (the {@link FirstCall} mains with a plain
 * socket; ready is their {@code answered} line, which already includes the call), {@code
 * first-fake-sdk}, {@code first-wiremock-sdk} (the same with the AWS SDK v2 client), {@code
 * standalone-fake} ({@code java -jar} of the fake's jar, {@code --port 0}), {@code
 * standalone-wiremock} (WireMock's own standalone jar, {@code --port 0}; ready is its {@code port:}
 * line). For the standalone kinds the harness then makes one {@code GET /profilingGroups} on a
 * plain socket (the fake answers ListProfilingGroups, WireMock answers it through its stub matching
 * with a 404). Each process runs in a fresh empty directory and is stopped with SIGTERM.
 */
public final class ColdStart {
  private ColdStart() {}

  private static final Pattern FAKE_READY =
      Pattern.compile("FakeGuru listening on http://[^:]+:(\\d+)");
  private static final Pattern WIREMOCK_READY = Pattern.compile("^port:\\s+(\\d+)");
  private static final Pattern ANSWERED = Pattern.compile("^answered (\\d+)");

  record Side(String name, String kind, String jar, List<String> jvmArgs) {}

  record Sample(double readyMs, double callMs) {}

  public static void main(String[] args) throws Exception {
    int rounds = 10;
    int warmup = 1;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String fakeJar = "standalone/target/fakeguru-standalone.jar";
    String wiremockJar = "benchmarks/target/cold/wiremock-standalone.jar";
    String baseline = null;
    List<Side> sides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--java" -> java = args[++i];
        case "--fake-jar" -> fakeJar = args[++i];
        case "--wiremock-jar" -> wiremockJar = args[++i];
        case "--baseline" -> baseline = args[++i];
        case "--side" -> sides.add(side(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (sides.isEmpty()) {
      throw new IllegalArgumentException("name at least one --side");
    }
    if (baseline == null) {
      baseline =
          sides.stream()
              .filter(s -> s.kind().contains("wiremock"))
              .map(Side::name)
              .findFirst()
              .orElse(sides.get(0).name());
    }
    String classpath =
        Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    System.out.printf(
        Locale.ROOT,
        "ColdStart: %d rounds (+%d warm-up) of %s, java %s%nload average before: %.2f%n",
        rounds,
        warmup,
        sides,
        java,
        load());
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    sides.forEach(s -> samples.put(s.name(), new ArrayList<>()));
    for (int r = 0; r < warmup + rounds; r++) {
      for (int k = 0; k < sides.size(); k++) {
        Side s = sides.get((r + k) % sides.size());
        Sample sample = run(s, java, classpath, fakeJar, wiremockJar);
        System.out.printf(
            Locale.ROOT,
            "%s %-24s ready %8.1f ms  first call %8.1f ms%n",
            r < warmup ? "warm-up" : String.format(Locale.ROOT, "round %2d", r - warmup + 1),
            s.name(),
            sample.readyMs(),
            sample.callMs());
        if (r >= warmup) {
          samples.get(s.name()).add(sample);
        }
      }
    }
    System.out.printf(Locale.ROOT, "load average after: %.2f%n%n", load());
    report("ready line", samples, baseline, true);
    report("first answered call", samples, baseline, false);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static Side side(String spec) {
    int eq = spec.indexOf('=');
    String name = spec.substring(0, eq);
    String rest = spec.substring(eq + 1);
    int colon = rest.indexOf(':');
    String kind = colon < 0 ? rest : rest.substring(0, colon);
    List<String> jvmArgs =
        colon < 0 ? List.of() : Arrays.asList(rest.substring(colon + 1).split(","));
    int at = kind.indexOf('@');
    String jar = at < 0 ? null : kind.substring(at + 1);
    return new Side(name, at < 0 ? kind : kind.substring(0, at), jar, jvmArgs);
  }

  private static Sample run(
      Side side, String java, String classpath, String fakeJar, String wiremockJar)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(side.jvmArgs());
    Pattern ready;
    switch (side.kind()) {
      case "first-fake", "first-wiremock", "first-fake-sdk", "first-wiremock-sdk" -> {
        cmd.addAll(List.of("-cp", classpath, FirstCall.class.getName()));
        cmd.add(side.kind().contains("fake") ? "fake" : "wiremock");
        cmd.add(side.kind().endsWith("-sdk") ? "sdk" : "socket");
        ready = ANSWERED;
      }
      case "standalone-fake" -> {
        String jar = side.jar() != null ? side.jar() : fakeJar;
        cmd.addAll(List.of("-jar", new File(jar).getAbsolutePath(), "--port", "0"));
        ready = FAKE_READY;
      }
      case "standalone-wiremock" -> {
        cmd.addAll(List.of("-jar", new File(wiremockJar).getAbsolutePath(), "--port", "0"));
        ready = WIREMOCK_READY;
      }
      default -> throw new IllegalArgumentException("unknown kind " + side.kind());
    }
    Path dir = Files.createTempDirectory("coldstart");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      Matcher m = null;
      while ((line = out.readLine()) != null) {
        m = ready.matcher(line.replaceAll("\u001b\\[[0-9;]*m", ""));
        if (m.find()) {
          break;
        }
        m = null;
      }
      long t1 = System.nanoTime();
      if (m == null) {
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            side.name() + " ended without its ready line: " + cmd + "\n" + Files.readString(err));
      }
      double readyMs = (t1 - t0) / 1e6;
      double callMs = readyMs;
      if (ready != ANSWERED) {
        int status = FirstCall.rawGet(Integer.parseInt(m.group(1)), "/profilingGroups");
        callMs = (System.nanoTime() - t0) / 1e6;
        if (status != 200 && status != 404) {
          throw new IllegalStateException(side.name() + " answered " + status);
        }
      } else if (!m.group(1).equals("200")) {
        throw new IllegalStateException(side.name() + " answered " + m.group(1));
      }
      return new Sample(readyMs, callMs);
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      try (var files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void report(
      String what, Map<String, List<Sample>> samples, String baseline, boolean ready) {
    System.out.printf(
        Locale.ROOT, "== %s (ms; ratio to %s, or to its -sdk twin) ==%n", what, baseline);
    System.out.printf(
        Locale.ROOT,
        "%-24s %8s %8s %8s   %-26s %s%n",
        "side",
        "median",
        "min",
        "max",
        "ratio of medians [95% bs]",
        "ratio of minima");
    for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
      String twin = baseline + "-sdk";
      String against = e.getKey().endsWith("-sdk") && samples.containsKey(twin) ? twin : baseline;
      double[] base = values(samples.get(against), ready);
      double[] v = values(e.getValue(), ready);
      double[] band = bootstrap(v, base);
      System.out.printf(
          Locale.ROOT,
          "%-24s %8.1f %8.1f %8.1f   %5.2fx [%5.2f, %5.2f]        %5.2fx%n",
          e.getKey(),
          median(v),
          v[0],
          v[v.length - 1],
          median(v) / median(base),
          band[0],
          band[1],
          v[0] / base[0]);
    }
    System.out.println();
  }

  private static double[] values(List<Sample> s, boolean ready) {
    return s.stream().mapToDouble(x -> ready ? x.readyMs() : x.callMs()).sorted().toArray();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** 2.5th and 97.5th percentiles of the ratio of medians over 10,000 resamples of each side. */
  private static double[] bootstrap(double[] a, double[] b) {
    Random random = new Random(42);
    double[] ratios = new double[10_000];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int i = 0; i < ratios.length; i++) {
      for (int j = 0; j < a.length; j++) {
        ra[j] = a[random.nextInt(a.length)];
      }
      for (int j = 0; j < b.length; j++) {
        rb[j] = b[random.nextInt(b.length)];
      }
      Arrays.sort(ra);
      Arrays.sort(rb);
      ratios[i] = median(ra) / median(rb);
    }
    Arrays.sort(ratios);
    return new double[] {ratios[250], ratios[9_749]};
  }
}
