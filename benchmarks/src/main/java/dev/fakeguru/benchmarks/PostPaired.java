package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * GCs, every other round took twice the CPU, whichever side ran in it. {@code
 * -Dpaired.order=fake-first} or {@code wiremock-first} keeps one order in every round (that is how
 * the effect was told apart from the sides).
 *
 * <p>Arguments: the profile ({@code jvm}: 140 KB, 2,001 frames, every post in one 5-minute bucket;
 * {@code jvm-spread}: the same frames, each post 5 minutes before the last; {@code python}: the
 * agent fixture), warm-up rounds, measured rounds, posts per side per round, threads. Prints each
 * round and then, per side, the median and mean throughput (99.9 % interval) and process CPU per
 * post, and the fake / WireMock throughput ratio of the paired rounds.
 */
public final class PostPaired {
  private static final String GROUP = "bench-group";

  /** Which side goes first in a round: {@code alternate} (the default), or always the same. */
  private static final String ORDER = System.getProperty("paired.order", "alternate");

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
    FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().profilingGroup(GROUP).start();
    WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wireMock.start();
    wireMock.stubFor(
        post(urlPathMatching("/profilingGroups/[^/]+/agentProfile"))
            .willReturn(aResponse().withStatus(204)));
    List<PostAgentProfileRequest> requests = new ArrayList<>();
    for (byte[] b : bodies) {
      requests.add(
          PostAgentProfileRequest.builder()
              .profilingGroupName(GROUP)
              .contentType("application/json")
              .agentProfile(SdkBytes.fromByteArrayUnsafe(b))
              .build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (CodeGuruProfilerClient toFake = Sdk.client(fake.endpoint());
        CodeGuruProfilerClient toWireMock =
            Sdk.client(URI.create("http://127.0.0.1:" + wireMock.port()))) {
      Side a = new Side("fake", toFake, fake::reset);
      Side b = new Side("wiremock", toWireMock, wireMock::resetRequests);
      double[][] opsPerSecond = new double[2][rounds];
      double[][] cpuMsPerPost = new double[2][rounds];
      double[] ratio = new double[rounds];
      for (int r = -warmup; r < rounds; r++) {
        boolean fakeFirst = ORDER.equals("alternate") ? (r & 1) == 0 : ORDER.equals("fake-first");
        double[][] got = new double[2][];
        for (Side s : fakeFirst ? new Side[] {a, b} : new Side[] {b, a}) {
          got[s == a ? 0 : 1] = s.round(pool, requests, posts, threads);
        }
        if (!fake.unexpectedCalls().isEmpty()) {
          throw new IllegalStateException("the fake rejected " + fake.unexpectedCalls().get(0));
        }
        if (r < 0) {
          continue;
        }
        for (int k = 0; k < 2; k++) {
          opsPerSecond[k][r] = got[k][0];
          cpuMsPerPost[k][r] = got[k][1];
        }
        ratio[r] = got[0][0] / got[1][0];
        System.out.printf(
            Locale.ROOT,
            "round %2d: fake %7.1f ops/s (cpu %.3f ms/post), wiremock %7.1f ops/s (cpu %.3f"
                + " ms/post), fake/wiremock %.3f%n",
            r,
            got[0][0],
            got[0][1],
            got[1][0],
            got[1][1],
            ratio[r]);
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
      for (int k = 0; k < 2; k++) {
        System.out.printf(
            Locale.ROOT,
            "%-8s: median %.1f ops/s, mean %.1f +- %.1f ops/s; process cpu per post median %.3f"
                + " ms%n",
            k == 0 ? "fake" : "wiremock",
            Stats.median(opsPerSecond[k]),
            Stats.mean(opsPerSecond[k]),
            Stats.halfInterval(opsPerSecond[k]),
            Stats.median(cpuMsPerPost[k]));
      }
      System.out.printf(
          Locale.ROOT,
          "fake/wiremock throughput: median %.3f, mean %.3f +- %.3f (99.9%%)%n",
          Stats.median(ratio),
          Stats.mean(ratio),
          Stats.halfInterval(ratio));
    } finally {
      pool.shutdownNow();
      fake.close();
      wireMock.stop();
    }
  }

  /** One server and its client. */
  private static final class Side {
    private final String name;
    private final CodeGuruProfilerClient client;
    private final Runnable reset;

    Side(String name, CodeGuruProfilerClient client, Runnable reset) {
      this.name = name;
      this.client = client;
      this.reset = reset;
    }

    /**
     * Posts {@code posts} profiles on {@code threads} threads, post {@code i} the request {@code i}
     * modulo their number: {ops per second, cpu ms per post}.
     */
    double[] round(
        ExecutorService pool, List<PostAgentProfileRequest> requests, int posts, int threads)
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
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get(); // a failed post fails the run
      }
      long wall = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      if (wall <= 0) {
        throw new IllegalStateException(name + ": no time passed");
      }
      return new double[] {posts / (wall / 1e9), cpu / 1e6 / posts};
    }
  }
}
