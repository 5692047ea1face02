package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The baseline of {@code LifecycleBenchmark.resetAfterTest}: what a WireMock-based test suite calls
 * between tests, {@code WireMockServer.resetAll()} (requests, stubs and scenarios), on a server
 * holding the same test's worth of state, put there outside the measured time through the same SDK
 * client configuration: 10 Python agent posts and one GetProfile answered by stubs, plus one stub
 * added by the test (the fake's fault rule). The stubs are put back after each reset, outside the
 * measured time.
 */
@Fork(
    value = 1,
    jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class WireMockResetBenchmark {
  private WireMockServer wireMock;
  private CodeGuruProfilerClient client;
  private final TestTraffic traffic = new TestTraffic();

  @Setup(Level.Trial)
  public void setUp() {
    wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wireMock.start();
    client = Sdk.client(URI.create("http://127.0.0.1:" + wireMock.port()));
  }

  /** A test's worth of traffic and one test-specific stub, outside the measured time. */
  @Setup(Level.Invocation)
  public void use() {
    wireMock.stubFor(
        post(urlPathMatching("/profilingGroups/[^/]+/agentProfile"))
            .willReturn(aResponse().withStatus(204)));
    wireMock.stubFor(
        any(anyUrl())
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Profiles.pythonFixture())));
    traffic.send(client);
    wireMock.stubFor(
        post(urlPathMatching("/configureAgent"))
            .atPriority(1)
            .willReturn(aResponse().withStatus(429)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    wireMock.stop();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void resetAll() {
    wireMock.resetAll();
  }
}
