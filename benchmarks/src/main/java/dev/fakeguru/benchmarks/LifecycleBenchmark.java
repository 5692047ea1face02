package dev.fakeguru.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fakeguru.FakeCodeGuruProfiler;
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
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * What a test pays around the fake: building, starting and closing one ({@link #startStop}, target
 * ≤ 1.3 × a bare WireMockServer with one stub, {@code server=wiremock}), and {@code reset()}
 * between tests (target &lt; 1 ms): of an idle fake ({@link Reset#resetIdle}), and of one holding a
 * typical test's worth of state ({@link Reset#resetAfterTest}: 10 Python agent posts, one
 * GetProfile, a fault rule).
 */
@Fork(
    value = 1,
    jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LifecycleBenchmark {

  @State(Scope.Benchmark)
  public static class Servers {
    @Param({"fake", "wiremock"})
    public String server;
  }

  /** Builds, starts (binding a free port) and closes a server. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int startStop(Servers s) {
    if (s.server.equals("fake")) {
      FakeCodeGuruProfiler fake =
          FakeCodeGuruProfiler.builder().profilingGroup("bench-app").start();
      int port = fake.port();
      fake.close();
      return port;
    }
    WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wm.start();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    int port = wm.port();
    wm.stop();
    return port;
  }

  @State(Scope.Benchmark)
  public static class Reset {
    FakeCodeGuruProfiler fake;
    CodeGuruProfilerClient client;
    final TestTraffic traffic = new TestTraffic();

    @Setup(Level.Trial)
    public void setUp() {
      fake = FakeCodeGuruProfiler.builder().profilingGroup(TestTraffic.GROUP).start();
      client = Sdk.client(fake.endpoint());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      client.close();
      fake.close();
    }
  }

  /** A fake holding a typical test's state before each call (filled outside the measured time). */
  @State(Scope.Benchmark)
  public static class Used extends Reset {
    @Setup(Level.Invocation)
    public void use() {
      traffic.send(client);
      fake.injectFault(
          dev.fakeguru.fault.ProfilerFault.throttling(),
          dev.fakeguru.recording.Operation.CONFIGURE_AGENT,
          1);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void resetIdle(Reset r) {
    r.fake.reset();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void resetAfterTest(Used u) {
    u.fake.reset();
  }
}
