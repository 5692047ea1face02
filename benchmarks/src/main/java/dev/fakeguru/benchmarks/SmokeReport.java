package dev.fakeguru.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The verdict of {@code benchmarks/run-smoke}: reads JMH's JSON result ({@code -rf json}) and the
 * reference ratios ({@code benchmarks/smoke-reference.properties}), prints one line per target and
 * exits 1 when a cost ratio (the fake's median time per operation over its baseline's, higher is
 * worse) exceeds 3 times its reference, 2 when a result is missing. Each line shows the medians,
 * the iterations' range, and the ratio's range (best against worst and worst against best).
 *
 * <p>{@code FAKEGURU_SMOKE_REFERENCE_SCALE} (environment) multiplies every reference, e.g. 0.01 to
 * see the gate fail.
 *
 * <pre>{@code
 * java -cp benchmarks/target/fakeguru-benchmarks.jar dev.fakeguru.benchmarks.SmokeReport \
 *     smoke.json benchmarks/smoke-reference.properties
 * }</pre>
 */
public final class SmokeReport {
  static final double GROSS = 3.0;

  /** A target: the fake's benchmark and its baseline's, each a JMH name plus required params. */
  record Target(
      String name,
      String fake,
      Map<String, String> fakeParams,
      String baseline,
      Map<String, String> baselineParams,
      String baselineName) {}

  static final List<Target> TARGETS =
      List.of(
          new Target(
              "post-jvm",
              "PostAgentProfileBenchmark.postAgentProfile",
              Map.of("server", "fake", "profile", "jvm"),
              "PostAgentProfileBenchmark.postAgentProfile",
              Map.of("server", "wiremock", "profile", "jvm"),
              "bare WireMock stub"),
          new Target(
              "get-profile-1k-json",
              "GetProfileBenchmark.getProfile",
              Map.of("dataset", "1k-hourly", "format", "JSON"),
              "GetProfileBenchmark.transportOnly",
              Map.of("dataset", "1k-hourly", "format", "JSON"),
              "bare WireMock stub, same bytes"),
          new Target(
              "start-stop",
              "LifecycleBenchmark.startStop",
              Map.of("server", "fake"),
              "LifecycleBenchmark.startStop",
              Map.of("server", "wiremock"),
              "bare WireMock"),
          new Target(
              "reset-after-test",
              "LifecycleBenchmark.resetAfterTest",
              Map.of(),
              "WireMockResetBenchmark.resetAll",
              Map.of(),
              "WireMock resetAll()"));

  private SmokeReport() {}

  /**
   * Prints the verdict.
   *
   * @param args the JMH JSON result and the reference properties
   * @throws IOException if a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SmokeReport <jmh-result.json> <smoke-reference.properties>");
      System.exit(64);
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Properties references = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      references.load(in);
    }
    String scaleText = System.getenv("FAKEGURU_SMOKE_REFERENCE_SCALE");
    double scale = scaleText == null || scaleText.isBlank() ? 1.0 : Double.parseDouble(scaleText);
    if (scale != 1.0) {
      System.out.printf(
          Locale.ROOT,
          "[smoke] references scaled by %s (FAKEGURU_SMOKE_REFERENCE_SCALE)%n",
          scaleText);
    }
    int status = 0;
    List<String> why = new ArrayList<>();
    for (Target t : TARGETS) {
      JsonNode fake = find(results, t.fake(), t.fakeParams());
      JsonNode base = find(results, t.baseline(), t.baselineParams());
      String ref = references.getProperty(t.name() + ".reference");
      if (fake == null || base == null || ref == null) {
        System.out.printf(
            Locale.ROOT,
            "[smoke] %-19s MISSING (%s)%n",
            t.name(),
            fake == null
                ? "no result for the fake"
                : base == null ? "no result for the baseline" : "no reference");
        why.add(t.name() + ": missing");
        status = Math.max(status, 2);
        continue;
      }
      double[] f = secondsPerOp(fake);
      double[] b = secondsPerOp(base);
      double ratio = f[0] / b[0];
      double low = f[1] / b[2];
      double high = f[2] / b[1];
      double reference = Double.parseDouble(ref) * scale;
      double threshold = GROSS * reference;
      boolean fail = ratio > threshold;
      System.out.printf(
          Locale.ROOT,
          "[smoke] %-19s fake %s, %s %s, cost ratio %.2f (%.2f..%.2f), reference %.2f, fails above %.2f: %s%n",
          t.name(),
          human(f),
          t.baselineName(),
          human(b),
          ratio,
          low,
          high,
          reference,
          threshold,
          fail ? "FAIL" : "ok");
      if (fail) {
        why.add(
            String.format(
                Locale.ROOT,
                "%s: cost ratio %.2f > %.0f x reference %.2f (fake %s against %s %s)",
                t.name(),
                ratio,
                GROSS,
                reference,
                human(f),
                t.baselineName(),
                human(b)));
        status = Math.max(status, 1);
      }
    }
    if (status != 0) {
      System.out.println("[smoke] gross regression or missing result:");
      why.forEach(w -> System.out.println("[smoke]   " + w));
    }
    System.exit(status);
  }

  private static JsonNode find(JsonNode results, String benchmark, Map<String, String> params) {
    for (JsonNode r : results) {
      if (!r.path("benchmark").asText().endsWith("." + benchmark)) {
        continue;
      }
      boolean match = true;
      for (Map.Entry<String, String> p : params.entrySet()) {
        match &= p.getValue().equals(r.path("params").path(p.getKey()).asText(null));
      }
      if (match) {
        return r;
      }
    }
    return null;
  }

  /**
   * The median, lowest and highest of the measured iterations, as seconds per operation whatever
   * JMH's mode and unit (a throughput's lowest becomes the highest time). Medians, because one
   * iteration of a short run on a shared machine can collapse 5x.
   */
  static double[] secondsPerOp(JsonNode result) {
    JsonNode metric = result.path("primaryMetric");
    String unit = metric.path("scoreUnit").asText();
    List<Double> times = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode iteration : fork) {
        times.add(toSeconds(iteration.asDouble(), unit));
      }
    }
    if (times.isEmpty()) {
      times.add(toSeconds(metric.path("score").asDouble(), unit));
    }
    Collections.sort(times);
    int n = times.size();
    double median = n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
    return new double[] {median, times.get(0), times.get(n - 1)};
  }

  private static double toSeconds(double score, String unit) {
    if (unit.endsWith("/op")) {
      return score * seconds(unit.substring(0, unit.length() - 3));
    }
    if (unit.startsWith("ops/")) {
      return seconds(unit.substring(4)) / score;
    }
    throw new IllegalArgumentException("unexpected JMH unit " + unit);
  }

  private static double seconds(String unit) {
    switch (unit) {
      case "s":
        return 1;
      case "ms":
        return 1e-3;
      case "us":
        return 1e-6;
      case "ns":
        return 1e-9;
      case "min":
        return 60;
      default:
        throw new IllegalArgumentException("unexpected JMH time unit " + unit);
    }
  }

  private static String human(double[] t) {
    return String.format(Locale.ROOT, "%s (%s..%s)", time(t[0]), time(t[1]), time(t[2]));
  }

  private static String time(double seconds) {
    return seconds >= 1e-3
        ? String.format(Locale.ROOT, "%.3f ms", seconds * 1e3)
        : String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
  }
}
