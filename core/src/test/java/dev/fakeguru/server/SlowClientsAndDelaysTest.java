package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.fault.FaultRule;
import dev.fakeguru.fault.InjectedFault;
import dev.fakeguru.fault.ProfilerFault;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Clients that hold connections open (uploads that drip or stall, calls delayed by a fault and
 * abandoned) against a fake with only 4 server threads: the API and the admin API keep answering
 * within a second or two, a body that is too slow is cut off with a 408, and removing a delay's
 * rule (or resetting) ends the delays it started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientsAndDelaysTest {
  static final Duration PROMPTLY = Duration.ofSeconds(3);
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROMPTLY).build();

  private final List<Socket> sockets = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void closeEverything() throws Exception {
    drip.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private FakeCodeGuruProfiler fake(Duration bodyReadTimeout) {
    FakeCodeGuruProfiler f =
        FakeCodeGuruProfiler.builder()
            .profilingGroup("g")
            .profilingGroup("h")
            .adminApi(true)
            .serverThreads(4)
            .bodyReadTimeout(bodyReadTimeout)
            .start();
    closeables.add(f);
    return f;
  }

  private CodeGuruProfilerClient impatientClient(FakeCodeGuruProfiler f) {
    CodeGuruProfilerClient c = TestClients.sdk(f, PROMPTLY);
    closeables.add(c);
    return c;
  }

  private static HttpResponse<String> admin(FakeCodeGuruProfiler f, String method, String path)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/" + path))
            .timeout(PROMPTLY)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A connection that sent a post's headers announcing 100,000 bytes, and one body byte. */
  private Socket startUpload(FakeCodeGuruProfiler f) throws IOException {
    Socket s = new Socket("127.0.0.1", f.port());
    sockets.add(s);
    s.getOutputStream()
        .write(
            ("POST /profilingGroups/g/agentProfile HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  /** Sends one more body byte every 100 ms, until the server closes the connection. */
  private void dripInto(Socket s) {
    drip.scheduleAtFixedRate(
        () -> {
          try {
            OutputStream out = s.getOutputStream();
            out.write(' ');
            out.flush();
          } catch (IOException closed) {
            // the server cut the upload off
          }
        },
        100,
        100,
        TimeUnit.MILLISECONDS);
  }

  private static byte[] profile() {
    Instant start = Instant.now().minusSeconds(120);
    return dev.fakeguru.codec.ProfileCodec.defaults()
        .encode(
            Profile.builder(start, start.plusSeconds(60)).stack(3, "main").build(),
            dev.fakeguru.profile.ProfileFormat.JSON);
  }

  @Test
  void dripping_and_stalled_uploads_leave_the_api_and_the_admin_api_answering() throws Exception {
    FakeCodeGuruProfiler f = fake(Duration.ofSeconds(50));
    CodeGuruProfilerClient client = impatientClient(f);
    for (int i = 0; i < 24; i++) {
      Socket upload = startUpload(f);
      if (i % 2 == 0) {
        dripInto(upload);
      }
    }

    for (int round = 0; round < 3; round++) {
      assertThat(client.describeProfilingGroup(r -> r.profilingGroupName("g")).profilingGroup())
          .isNotNull();
      assertThat(admin(f, "GET", "status").statusCode()).isEqualTo(200);
      client.postAgentProfile(
          r ->
              r.profilingGroupName("g")
                  .contentType("application/json")
                  .agentProfile(SdkBytes.fromByteArray(profile())));
    }
    assertThat(f.storedProfiles("g")).hasSize(3);
  }

  @Test
  void a_body_slower_than_the_body_read_timeout_gets_a_408_and_its_connection_closed()
      throws Exception {
    FakeCodeGuruProfiler f = fake(Duration.ofMillis(500));
    Socket dripping = startUpload(f);
    dripInto(dripping);
    Socket stalled = startUpload(f);
    long start = System.nanoTime();

    for (Socket s : List.of(dripping, stalled)) {
      s.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      RawHttp.Transcript t = RawHttp.readToEnd(s);
      assertThat(t.response().status()).isEqualTo(408);
      assertThat(t.response().header("x-amzn-errortype")).isEqualTo("RequestTimeoutException");
      assertThat(t.response().bodyText()).contains("did not arrive within 500 ms");
      assertThat(t.ending()).isEqualTo(RawHttp.Ending.CLOSED);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(f.profilePosts()).isEmpty();
  }

  /** A describe sent on its own connection; the connection is kept for the answer. */
  private Socket sendDescribe(FakeCodeGuruProfiler f, String group) throws IOException {
    Socket s = new Socket("127.0.0.1", f.port());
    sockets.add(s);
    s.getOutputStream()
        .write(
            ("GET /profilingGroups/"
                    + group
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  private static CompletableFuture<RawHttp.Transcript> answerOf(Socket s) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            s.setSoTimeout((int) Duration.ofSeconds(50).toMillis());
            return RawHttp.readToEnd(s);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void long_delays_abandoned_by_their_clients_hold_no_thread_and_end_with_their_rule()
      throws Exception {
    FakeCodeGuruProfiler f = fake(Duration.ofSeconds(30));
    CodeGuruProfilerClient client = impatientClient(f);
    HttpResponse<String> injected =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/faults"))
                .timeout(PROMPTLY)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"fault\":{\"type\":\"delay\",\"delayMillis\":"
                            + ProfilerFault.MAX_DELAY.toMillis()
                            + "},\"operations\":[\"DescribeProfilingGroup\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(injected.statusCode()).isEqualTo(201);
    for (int i = 0; i < 24; i++) {
      sendDescribe(f, "g").close(); // the client hangs up at once
    }
    List<CompletableFuture<RawHttp.Transcript>> waiting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      waiting.add(answerOf(sendDescribe(f, "g")));
    }

    assertThat(admin(f, "GET", "status").statusCode()).isEqualTo(200);
    assertThat(client.listProfilingGroups(r -> {}).profilingGroupNames()).contains("g", "h");
    assertThat(waiting).noneMatch(CompletableFuture::isDone);

    assertThat(admin(f, "DELETE", "faults").statusCode()).isEqualTo(204);

    for (CompletableFuture<RawHttp.Transcript> w : waiting) {
      RawHttp.Transcript t = w.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(t.response().status()).isEqualTo(200);
      assertThat(t.response().bodyText()).contains("\"name\":\"g\"");
    }
    assertThat(client.describeProfilingGroup(r -> r.profilingGroupName("g")).profilingGroup())
        .isNotNull();
    assertThat(f.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(27);
  }

  @Test
  void removing_a_rule_ends_its_own_delays_and_a_reset_ends_all() throws Exception {
    FakeCodeGuruProfiler f = fake(Duration.ofSeconds(30));
    InjectedFault onG =
        f.injectFault(
            FaultRule.of(ProfilerFault.delay(Duration.ofMinutes(4))).forProfilingGroup("g"));
    f.injectFault(FaultRule.of(ProfilerFault.delay(Duration.ofMinutes(4))).forProfilingGroup("h"));
    CompletableFuture<RawHttp.Transcript> g = answerOf(sendDescribe(f, "g"));
    CompletableFuture<RawHttp.Transcript> h = answerOf(sendDescribe(f, "h"));
    awaitCalls(f, 2);

    onG.remove();

    assertThat(g.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).response().status())
        .isEqualTo(200);
    assertThat(h).isNotDone();

    f.reset();

    assertThat(h.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS).response().status())
        .isEqualTo(200);
  }

  /** Waits (bounded) until the fake recorded {@code n} calls: the faults have fired. */
  private static void awaitCalls(FakeCodeGuruProfiler f, int n) throws InterruptedException {
    long deadline = System.nanoTime() + PROMPTLY.toNanos();
    while (f.recordedCalls().size() < n) {
      assertThat(System.nanoTime()).as("calls recorded in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void delays_are_bounded_by_max_delay_in_both_faces() throws Exception {
    assertThatThrownBy(() -> ProfilerFault.delay(ProfilerFault.MAX_DELAY.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most PT5M");
    assertThatThrownBy(
            () -> ProfilerFault.randomDelay(Duration.ZERO, ProfilerFault.MAX_DELAY.plusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);

    FakeCodeGuruProfiler f = fake(Duration.ofSeconds(30));
    for (String fault :
        List.of(
            "{\"type\":\"delay\",\"delayMillis\":300001}",
            "{\"type\":\"randomDelay\",\"minDelayMillis\":0,\"maxDelayMillis\":600000}",
            "{\"type\":\"throttling\",\"delayMillis\":9999999}")) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(f.endpoint() + "/__fakeguru/faults"))
                  .timeout(PROMPTLY)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"fault\":" + fault + "}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(fault).isEqualTo(400);
      assertThat(r.body()).as(fault).containsPattern("[dD]elayMillis must be at most 300000");
    }
    assertThat(f.activeFaults()).isEmpty();
  }
}
