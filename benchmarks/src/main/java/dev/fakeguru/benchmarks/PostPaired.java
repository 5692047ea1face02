package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fakeguru.FakeCodeGuruProfiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.PostAgentProfileRequest;

/**
 * {@link PostAgentProfileBenchmark}'s comparison (the fake against a bare WireMock stub, the same
 * SDK client configuration, 4 posting threads) in ONE JVM, in alternating rounds: each round posts
 * the same number of profiles to each server, the first side alternating, each after a reset and a
 * full GC so that neither pays for the other's garbage. Both servers run the same Jetty and the
 * clients the same SDK code, so a JIT or load drift moves both sides of a round together, and the
 * ratio of each round is the figure. Not instead of the JMH benchmark: beside it, because on these
 * 2-core machines the JMH forks of the two sides, minutes apart, drift apart (WireMock's throughput
 * rose from 400 to 2,600 ops/s over 30 one-second iterations of one fork while the fake's held).
 *
 * <pre>
 * java -Xms8g -Xmx8g -cp benchmarks/target/fakeguru-benchmarks.jar \
 *     dev.fakeguru.benchmarks.PostPaired jvm 10 30 400 4
 * </pre>
 *
 * <p>Fix the heap ({@code -Xms} = {@code -Xmx}): with a heap that grows and shrinks around the full
 * GCs, every other round took twice the CPU, whichever side ran in it. {@code -Dpaired.order=fixed}
 * keeps the order of {@code -Dpaired.sides} in every round (that is how the effect was told apart
 * from the sides). Warm up for 20 rounds or more: on 2 cores the JIT was still compiling the
 * servers' and the SDK's code (seconds of compilation per 5 seconds) well after 8 rounds of 400
 * posts.
 *
 * <p>{@code -Dpaired.sides=fake,wiremock,wiremock-parse} adds a third server, a WireMock stub that
 * reads every body with Jackson's streaming parser: the floor of any server that checks the body is
 * JSON. {@code -Dpaired.threads=true} splits each side's CPU by kind of thread (the servers', the
 * clients', the JIT's).
 *
 * <p>Arguments: the profile ({@code jvm}: 140 KB, 2,001 frames, every post in one 5-minute bucket;
 * {@code jvm-spread}: the same frames, each post 5 minutes before the last; {@code python}: the
 * agent fixture), warm-up rounds, measured rounds, posts per side per round, threads. Prints each
 * round and then, per side, the median and mean throughput (99.9 % interval) and process CPU per
 * post, and the fake / WireMock throughput ratio of the paired rounds.
 */
public final class PostPaired {
  private static final String GROUP = "bench-group";

  /**
   * Which side goes first in a round: {@code alternate} (the default: each in turn), or {@code
   * fixed} (the order of {@link #SIDES}).
   */
  private static final String ORDER = System.getProperty("paired.order", "alternate");

  /**
   * {@code -Dpaired.sides=...}: the servers to compare, comma-separated, from {@code fake}, {@code
   * wiremock} (a bare stub: reads the body, answers 204) and {@code wiremock-parse} (the same stub,
   * which also reads the body with Jackson's streaming parser, as any server must that validates
   * JSON: the floor of a JSON-checking fake). Default {@code fake,wiremock}. One side alone lets
   * the JIT compile that server's code alone (in one JVM, the servers share Jetty's classes); run
   * such JVMs one after the other and compare them.
   */
  private static final List<String> SIDES =
      List.of(System.getProperty("paired.sides", "fake,wiremock").split(","));

  /**
   * {@code -Dpaired.threads=true}: also sum each side's CPU by kind of thread (Linux only: read
   * from {@code /proc/self/task}), to tell the servers' own threads from the clients', the GC's and
   * the JIT's.
   */
  private static final boolean THREAD_CPU = Boolean.getBoolean("paired.threads");

  private PostPaired() {}

  /**
   * Runs the rounds; see the class comment for the arguments.
   *
   * @throws Exception if a post fails
   */
  public static void main(String[] args) throws Exception {
    String profile = args.length > 0 ? args[0] : "jvm";
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int posts = args.length > 3 ? Integer.parseInt(args[3]) : 400;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    // jvm-spread: the JVM profile with a start 5 minutes earlier each post, as one agent's posts
    // over a day and more (one post per 5-minute bucket); jvm: the same start every time (a busy
    // bucket, as many agents of one group, or a test posting in a loop).
    Instant now = Instant.now();
    List<byte[]> bodies = new ArrayList<>();
    for (int k = 0; k < (profile.equals("jvm-spread") ? posts : 1); k++) {
      bodies.add(
          profile.equals("python")
              ? Profiles.pythonFixture()
              : Profiles.json(Profiles.jvmProfile(now.minusSeconds(300 + 300L * k))));
    }
    byte[] body = bodies.get(0);
    List<PostAgentProfileRequest> requests = new ArrayList<>();
    for (byte[] b : bodies) {
      requests.add(
          PostAgentProfileRequest.builder()
              .profilingGroupName(GROUP)
              .contentType("application/json")
              .agentProfile(SdkBytes.fromByteArrayUnsafe(b))
              .build());
    }
    List<Side> sides = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (String name : SIDES) {
        sides.add(Side.start(name));
      }
      int n = sides.size();
      double[][] opsPerSecond = new double[n][rounds];
      double[][] cpuMsPerPost = new double[n][rounds];
      for (int r = -warmup; r < rounds; r++) {
        int first = ORDER.equals("alternate") ? Math.floorMod(r, n) : 0;
        for (int k = 0; k < n; k++) {
          int i = (first + k) % n;
          double[] got = sides.get(i).round(pool, requests, posts, threads, r >= 0);
          if (r >= 0) {
            opsPerSecond[i][r] = got[0];
            cpuMsPerPost[i][r] = got[1];
          }
        }
        if (r >= 0) {
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %2d:", r));
          for (int i = 0; i < n; i++) {
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s %7.1f ops/s (cpu %.3f ms/post)",
                    sides.get(i).name,
                    opsPerSecond[i][r],
                    cpuMsPerPost[i][r]));
          }
          System.out.println(line);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "profile %s, %d bytes, %d rounds of %d posts per side on %d threads (after %d warm-up"
              + " rounds)%n",
          profile,
          body.length,
          rounds,
          posts,
          threads,
          warmup);
      for (int i = 0; i < n; i++) {
        System.out.printf(
            Locale.ROOT,
            "%-8s: median %.1f ops/s, mean %.1f +- %.1f ops/s; process cpu per post median %.3f"
                + " ms%n",
            sides.get(i).name,
            Stats.median(opsPerSecond[i]),
            Stats.mean(opsPerSecond[i]),
            Stats.halfInterval(opsPerSecond[i]),
            Stats.median(cpuMsPerPost[i]));
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i != j
              && sides.get(j).name.startsWith("wiremock")
              && !sides.get(i).name.equals("wiremock")) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
              ratio[r] = opsPerSecond[i][r] / opsPerSecond[j][r];
            }
            System.out.printf(
                Locale.ROOT,
                "%s/%s throughput: median %.3f, mean %.3f +- %.3f (99.9%%)%n",
                sides.get(i).name,
                sides.get(j).name,
                Stats.median(ratio),
                Stats.mean(ratio),
                Stats.halfInterval(ratio));
          }
        }
      }
      if (THREAD_CPU) {
        for (Side s : sides) {
          System.out.printf(Locale.ROOT, "%s: cpu ms per post by thread kind:", s.name);
          s.cpuByThreadKind.forEach(
              (kind, ticks) -> {
                if (ticks > 0) {
                  System.out.printf(
                      Locale.ROOT,
                      " %s %.3f;",
                      kind,
                      ticks * ThreadCpu.MS_PER_TICK / ((double) rounds * posts));
                }
              });
          System.out.println();
        }
      }
    } finally {
      pool.shutdownNow();
      for (Side s : sides) {
        s.close();
      }
    }
  }

  /** One server and its client. */
  private static final class Side implements AutoCloseable {
    private final String name;
    private final CodeGuruProfilerClient client;
    private final Runnable reset;
    private final Runnable check;
    private final Runnable stop;
    private final Map<String, Long> cpuByThreadKind = new TreeMap<>();

    private Side(
        String name, CodeGuruProfilerClient client, Runnable reset, Runnable check, Runnable stop) {
      this.name = name;
      this.client = client;
      this.reset = reset;
      this.check = check;
      this.stop = stop;
    }

    /** Starts the server {@code name} stands for (see {@link #SIDES}) and its client. */
    static Side start(String name) {
      if (name.equals("fake")) {
        FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().profilingGroup(GROUP).start();
        return new Side(
            name,
            Sdk.client(fake.endpoint()),
            fake::reset,
            () -> {
              if (!fake.unexpectedCalls().isEmpty()) {
                throw new IllegalStateException(
                    "the fake rejected " + fake.unexpectedCalls().get(0));
              }
            },
            fake::close);
      }
      WireMockConfiguration options = WireMockConfiguration.options().dynamicPort();
      if (name.equals("wiremock-parse")) {
        options.extensions(new ParsesBody());
      } else if (!name.equals("wiremock")) {
        throw new IllegalArgumentException("no side " + name);
      }
      WireMockServer wireMock = new WireMockServer(options);
      wireMock.start();
      wireMock.stubFor(
          post(urlPathMatching("/profilingGroups/[^/]+/agentProfile"))
              .willReturn(aResponse().withStatus(204)));
      return new Side(
          name,
          Sdk.client(URI.create("http://127.0.0.1:" + wireMock.port())),
          wireMock::resetRequests,
          () -> {},
          wireMock::stop);
    }

    @Override
    public void close() {
      client.close();
      stop.run();
    }

    /**
     * Posts {@code posts} profiles on {@code threads} threads, post {@code i} the request {@code i}
     * modulo their number: {ops per second, cpu ms per post}.
     */
    double[] round(
        ExecutorService pool,
        List<PostAgentProfileRequest> requests,
        int posts,
        int threads,
        boolean counted)
        throws Exception {
      reset.run();
      System.gc();
      List<Callable<Void>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        work.add(
            () -> {
              for (int i = first; i < posts; i += threads) {
                client.postAgentProfile(requests.get(i % requests.size()));
              }
              return null;
            });
      }
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      Map<String, long[]> threads0 = THREAD_CPU ? ThreadCpu.snapshot() : Map.of();
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get(); // a failed post fails the run
      }
      long wall = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      if (THREAD_CPU && counted) {
        ThreadCpu.addSince(threads0, cpuByThreadKind);
      }
      check.run();
      if (wall <= 0) {
        throw new IllegalStateException(name + ": no time passed");
      }
      return new double[] {posts / (wall / 1e9), cpu / 1e6 / posts};
    }
  }

  /**
   * Reads each request's body with Jackson's streaming parser (every token, field names
   * canonicalised through one shared factory, as a server keeping one parser factory does) before
   * the stub answers: what any server pays that checks the body is JSON.
   */
  private static final class ParsesBody implements ResponseDefinitionTransformerV2 {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      try (JsonParser parser = JSON.createParser(serveEvent.getRequest().getBody())) {
        while (parser.nextToken() != null) {
          parser.currentName();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return serveEvent.getResponseDefinition();
    }

    @Override
    public String getName() {
      return "parses-body";
    }
  }
}
