package dev.fakeguru.standalone;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.conformance.AgentScenario;
import dev.fakeguru.conformance.ConformanceReport;
import dev.fakeguru.conformance.ScenarioRun;
import dev.fakeguru.time.SettableClock;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;

/**
 * The standalone server: {@code java -jar fakeguru-standalone.jar [options]} runs a {@link
 * FakeCodeGuruProfiler} with its admin API on (see {@link Options#USAGE} or {@code --help}).
 *
 * <p>Contract for scripts and test harnesses: when the server is ready, stdout receives exactly one
 * line, {@code FakeGuru listening on http://HOST:PORT}, and nothing else (all other output,
 * including library logging, goes to stderr). A bad command line prints a one-line error to stderr
 * and exits with status 2; a server that cannot start (port taken, unusable data directory) exits
 * with status 1. SIGTERM or Ctrl-C (SIGINT) closes the server cleanly and exits with status 0, so
 * {@code set -e} scripts that {@code wait} for it carry on.
 *
 * <p>With {@code --scenario NAME --scenario-group GROUP}, the server steers the agent reporting to
 * GROUP through the named {@link AgentScenario} from the moment it is ready; when the scenario ends
 * on the fake's clock, the agent conformance report follows the ready line on stdout (its plain
 * text, as {@code ConformanceReport.toText()} renders it), and the server exits with status 0 if
 * the agent conforms, 3 if it broke a rule or never called.
 *
 * <p>With {@code --training-run}, the server sends itself a first user's requests once ready and
 * exits with status 0 (1 if one was not answered as expected): run under {@code
 * -XX:AOTCacheOutput=fakeguru.aot} (JDK 25) or {@code -XX:ArchiveClassesAtExit=fakeguru.jsa} (JDK
 * 17), it records a start-up cache for later runs ({@code -XX:AOTCache=fakeguru.aot}, {@code
 * -XX:SharedArchiveFile=fakeguru.jsa}); see the README's "Standalone server".
 *
 * <p>Unlike the Java API's default clock, the standalone server's clock runs with real time (a
 * long-lived server stamps posts with their arrival time and answers "latest" GetProfile ranges
 * relative to now), and the admin API can still set and advance it; {@code --frozen-clock} makes it
 * stand still between moves, as in the Java API. A reset puts it back where it started.
 *
 * <pre>
 * java -jar standalone/target/fakeguru-standalone.jar --port 0 --create-group my-app --data-dir ./fg-data
 * FakeGuru listening on http://127.0.0.1:41234
 * </pre>
 *
 * <p>Threading: the main thread waits until the JVM shuts down; the server's own threads answer
 * requests.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Main {
  private Main() {}

  /** Runs the server until the JVM is told to stop. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream stdout = System.out;
    // Nothing but the ready line may reach stdout: whatever the libraries print goes to stderr.
    System.setOut(System.err);
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      fail(2, e.getMessage() + " (try --help)");
      return;
    }
    if (options.help()) {
      stdout.print(Options.USAGE);
      stdout.flush();
      System.exit(0);
    }
    warnIfExposed(options);
    SettableClock clock = clock(options);
    FakeCodeGuruProfiler fake;
    try {
      fake = builder(options).clock(clock).build();
    } catch (IllegalArgumentException e) {
      fail(2, oneLine(e) + " (try --help)");
      return;
    } catch (RuntimeException e) {
      fail(1, "cannot start: " + oneLine(e));
      return;
    }
    try {
      fake.start();
    } catch (RuntimeException e) {
      fail(1, "cannot listen on " + options.bind() + ":" + options.port() + ": " + oneLine(e));
      return;
    }
    // A ticking clock follows the system clock by itself; a clock started elsewhere is moved along.
    RunningClock running =
        options.frozenClock() || clock.isTicking() ? null : RunningClock.start(clock);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    if (running != null) {
                      running.close();
                    }
                    fake.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "fakeguru-shutdown"));
    CleanExit.onStopSignals();
    stdout.println("FakeGuru listening on " + fake.endpoint());
    stdout.flush();
    if (options.trainingRun()) {
      trainingRun(fake, clock);
    }
    if (options.scenario().isPresent()) {
      ConformanceReport report = runScenario(fake, options.scenario().get());
      stdout.print(report.toText());
      stdout.flush();
      System.exit(report.passes() ? 0 : 3);
    }
    stopped.await();
  }

  /** Sends the server a first user's requests, then exits: 0, or 1 if one was not answered. */
  private static void trainingRun(FakeCodeGuruProfiler fake, SettableClock clock) {
    try {
      int answered = TrainingRun.run(fake.endpoint(), clock.millis());
      System.err.println("fakeguru: training run: " + answered + " requests answered");
    } catch (RuntimeException e) {
      fail(1, oneLine(e));
    }
    // System.exit runs the shutdown hook, which closes the fake; the JVM then writes the archive.
    System.exit(0);
  }

  /** Steers the scenario's agent until the scenario ends on the fake's clock; its report. */
  static ConformanceReport runScenario(FakeCodeGuruProfiler fake, Options.Scenario s) {
    AgentScenario scenario = AgentScenario.named(s.name(), s.periodInSeconds());
    ScenarioRun run = fake.startScenario(s.group(), scenario);
    System.err.println(
        "fakeguru: steering profiling group '"
            + s.group()
            + "' through the "
            + scenario.describe()
            + "\nfakeguru: the scenario ends at "
            + run.endsAt()
            + " on the fake's clock");
    return run.awaitEnd(ChronoUnit.FOREVER.getDuration());
  }

  /**
   * The fake's clock. By default it follows the system clock (and a reset puts it back on the
   * system clock, not at the time the server started); with {@code --clock-start} it starts there
   * and {@link #main} keeps it running unless frozen; {@code --frozen-clock} alone stands at the
   * start time.
   */
  static SettableClock clock(Options o) {
    if (o.clockStart().isEmpty() && !o.frozenClock()) {
      return SettableClock.ticking();
    }
    return o.clockStart().map(SettableClock::at).orElseGet(SettableClock::atSystemTime);
  }

  /** The fake the options describe (with a clock of its own), not yet built. */
  static FakeCodeGuruProfiler.Builder builder(Options o) {
    FakeCodeGuruProfiler.Builder b =
        FakeCodeGuruProfiler.builder()
            .port(o.port())
            .bindAddress(o.bind())
            .region(o.region())
            .accountId(o.accountId())
            .autoCreateProfilingGroups(o.autoCreateGroups())
            .adminApi(o.adminApi());
    o.groups().forEach(b::profilingGroup);
    o.adminToken().ifPresent(b::adminToken);
    o.dataDirectory().ifPresent(b::dataDirectory);
    o.signingCredentials()
        .ifPresent(c -> b.requireSignatures(c.accessKeyId(), c.secretAccessKey()));
    o.allowedOrigins().forEach(b::allowOrigin);
    o.maxRecordedBytes().ifPresent(b::maxRecordedBytes);
    o.maxAggregatedNodes().ifPresent(b::maxAggregatedNodes);
    return b;
  }

  private static void warnIfExposed(Options o) {
    InetAddress address;
    try {
      address = InetAddress.getByName(o.bind());
    } catch (UnknownHostException e) {
      fail(2, "--bind needs a local address, but '" + o.bind() + "' does not resolve (try --help)");
      return;
    }
    if (!address.isLoopbackAddress()) {
      String admin =
          !o.adminApi()
              ? ""
              : o.adminToken().isPresent()
                  ? "; the admin API requires its token"
                  : "; anyone who can reach it can use the admin API (consider --admin-token)";
      System.err.println(
          "fakeguru: warning: binding to "
              + o.bind()
              + ", not loopback, exposes the fake to the network"
              + admin);
    }
  }

  private static void fail(int status, String message) {
    System.err.println("fakeguru: error: " + message);
    System.err.flush();
    System.exit(status);
  }

  private static String oneLine(Throwable e) {
    Throwable t = e;
    String m = t.getMessage();
    while ((m == null || m.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      m = t.getMessage();
    }
    if (m == null) {
      m = t.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
