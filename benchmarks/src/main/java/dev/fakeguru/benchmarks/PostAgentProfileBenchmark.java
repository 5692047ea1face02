package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.PostAgentProfileRequest;

/**
 * PostAgentProfile throughput through the real SDK v2 sync client, 4 client threads sharing one
 * client, against {@code server=fake} (FakeCodeGuruProfiler: records the call, decodes the body,
 * stores and aggregates it) and {@code server=wiremock} (the baseline: a bare WireMockServer with
 * default options and one stub answering 204 to the same requests). Target: fake ≥ 0.8 × wiremock.
 * The two sides run in separate forks, which drift apart on small shared machines; {@link
 * PostPaired} runs the same comparison in one JVM in alternating rounds.
 *
 * <p>The SDK fills in a fresh {@code profileToken} (a UUID, it is an idempotency token) on every
 * call, so the fake stores every post. Both servers forget what they recorded before each iteration
 * ({@code fake.reset()}, {@code resetRequests()}) so memory does not grow without bound.
 *
 * <p>{@code profile=python}: the Python agent fixture (4,976 bytes JSON, 34 frames). {@code
 * profile=jvm}: a synthetic JVM-agent profile, 2,001 frames with six thread-state counters, 140 KB
 * JSON, generated from a fixed seed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class PostAgentProfileBenchmark {
  static final String GROUP = "bench-app";

  @Param({"fake", "wiremock"})
  public String server;

  @Param({"python", "jvm"})
  public String profile;

  private FakeCodeGuruProfiler fake;
  private WireMockServer wireMock;
  private CodeGuruProfilerClient client;
  private PostAgentProfileRequest request;

  @Setup(Level.Trial)
  public void setUp() {
    byte[] body =
        profile.equals("python")
            ? Profiles.pythonFixture()
            : Profiles.json(Profiles.jvmProfile(Instant.now().minusSeconds(300)));
    URI endpoint;
    if (server.equals("fake")) {
      fake = FakeCodeGuruProfiler.builder().profilingGroup(GROUP).start();
      endpoint = fake.endpoint();
    } else {
      wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
      wireMock.start();
      wireMock.stubFor(
          post(urlPathMatching("/profilingGroups/[^/]+/agentProfile"))
              .willReturn(aResponse().withStatus(204)));
      endpoint = URI.create("http://127.0.0.1:" + wireMock.port());
    }
    client = Sdk.client(endpoint);
    request =
        PostAgentProfileRequest.builder()
            .profilingGroupName(GROUP)
            .contentType("application/json")
            .agentProfile(SdkBytes.fromByteArrayUnsafe(body))
            .build();
    client.postAgentProfile(request); // fails the trial early if either server answers an error
  }

  @Setup(Level.Iteration)
  public void forget() {
    if (fake != null) {
      fake.reset();
    } else {
      wireMock.resetRequests();
    }
  }

  @TearDown(Level.Iteration)
  public void check() {
    if (fake != null && !fake.unexpectedCalls().isEmpty()) {
      throw new IllegalStateException("the fake rejected calls: " + fake.unexpectedCalls().get(0));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    if (fake != null) {
      fake.close();
    } else {
      wireMock.stop();
    }
  }

  @Benchmark
  public Object postAgentProfile() {
    return client.postAgentProfile(request);
  }
}
