package dev.fakeguru.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ThrottlingException;

/**
 * Starts {@code target/fakeguru-standalone.jar} with {@code java -jar}, the way a user does, and
 * drives it with the AWS SDK v2 client and the admin API. Runs in the integration-test phase (after
 * the jar is built); fails with a message when the jar is missing. Every wait is bounded, waits for
 * an event (a line, the end of the output, the process's exit) and never for a fixed time, and
 * every process is killed after each test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneServerIT {
  static final Pattern READY =
      Pattern.compile("^FakeGuru listening on (http://127\\.0\\.0\\.1:(\\d+))$");
  static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Instant T0 = Instant.now().minusSeconds(3600);

  static Path jar;

  @TempDir Path temp;
  private final List<Server> servers = new ArrayList<>();
  private final List<CodeGuruProfilerClient> clients = new ArrayList<>();

  @BeforeAll
  static void locateJar() {
    String configured = System.getProperty("fakeguru.standalone.jar");
    jar =
        Path.of(configured != null ? configured : "target/fakeguru-standalone.jar")
            .toAbsolutePath();
    assertThat(jar)
        .as(
            "the standalone jar; build it first (mvn -B -ntp package -DskipTests) or run mvn verify")
        .isRegularFile();
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    clients.forEach(CodeGuruProfilerClient::close);
    for (Server s : servers) {
      s.process.destroyForcibly();
      s.process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A started server process, its stdout lines as they come, and its stderr in a file. */
  final class Server {
    final Process process;
    final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    final Path stderr;
    final Thread stdoutReader;
    URI endpoint;

    Server(String... args) throws IOException {
      this(List.of(), args);
    }

    /** A server whose JVM gets {@code jvmOptions} (such as {@code -Xmx64m}). */
    Server(List<String> jvmOptions, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(javaExecutable()));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString()));
      command.addAll(List.of(args));
      stderr = Files.createTempFile(temp, "stderr", ".txt");
      process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      servers.add(this);
      stdoutReader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    stdout.add(line);
                  }
                } catch (IOException e) {
                  // the process died: the test sees the missing lines
                }
              },
              "stdout-of-" + process.pid());
      stdoutReader.setDaemon(true);
      stdoutReader.start();
    }

    /** Waits for the ready line and returns the endpoint it names. */
    URI awaitReady() throws Exception {
      String line = stdout.poll(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(line).as("the ready line (stderr: %s)", stderrText()).isNotNull();
      Matcher m = READY.matcher(line);
      assertThat(m.matches()).as("ready line '%s'", line).isTrue();
      assertThat(Integer.parseInt(m.group(2))).isPositive();
      endpoint = URI.create(m.group(1));
      return endpoint;
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process exits").isTrue();
      return process.exitValue();
    }

    /** Every line the process wrote after those already taken, once its stdout is at its end. */
    List<String> remainingStdout() throws InterruptedException {
      stdoutReader.join(Duration.ofSeconds(30).toMillis());
      assertThat(stdoutReader.isAlive()).as("stdout reaches its end").isFalse();
      return List.copyOf(stdout);
    }

    String stderrText() throws IOException {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    CodeGuruProfilerClient sdk() {
      return sdk("test", "test");
    }

    CodeGuruProfilerClient sdk(String accessKeyId, String secret) {
      CodeGuruProfilerClient c =
          CodeGuruProfilerClient.builder()
              .endpointOverride(endpoint)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
              .overrideConfiguration(
                  o ->
                      o.retryStrategy(AwsRetryStrategy.doNotRetry())
                          .apiCallTimeout(Duration.ofSeconds(10)))
              .build();
      clients.add(c);
      return c;
    }

    HttpResponse<String> admin(String method, String path, String body, String... headers)
        throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(endpoint.resolve("/__fakeguru/" + path))
              .timeout(Duration.ofSeconds(10))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (headers.length > 0) {
        b.headers(headers);
      }
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The fake's clock, through the admin API. */
    Instant now() throws Exception {
      return Instant.parse(adminJson("clock").path("now").asText());
    }

    /** Polls the fake's clock until it reads later than {@code instant}; fails after 20 s. */
    Instant awaitNowAfter(Instant instant) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (Instant now = now(); ; now = now()) {
        if (now.isAfter(instant)) {
          return now;
        }
        assertThat(System.nanoTime())
            .as("the clock passes %s; it reads %s", instant, now)
            .isLessThan(deadline);
        Thread.onSpinWait();
      }
    }

    JsonNode adminJson(String path) throws Exception {
      HttpResponse<String> r = admin("GET", path, null);
      assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Profile profileAt(int minutes, long count, String... frames) {
    Instant start = T0.plusSeconds(60L * minutes);
    return Profile.builder(start, start.plusSeconds(60)).stack(count, frames).build();
  }

  static void post(CodeGuruProfilerClient c, String group, Profile p) {
    c.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(
                    SdkBytes.fromByteArray(ProfileCodec.defaults().encode(p, ProfileFormat.JSON))));
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void port_zero_prints_the_real_port_and_serves_the_sdk_and_the_admin_api() throws Exception {
    Server s = new Server("--port", "0", "--create-group", "my-app");
    s.awaitReady();
    CodeGuruProfilerClient sdk = s.sdk();

    assertThat(sdk.listProfilingGroups(r -> {}).profilingGroupNames()).containsExactly("my-app");
    assertThat(
            sdk.configureAgent(r -> r.profilingGroupName("my-app")).configuration().shouldProfile())
        .isTrue();
    post(sdk, "my-app", profileAt(0, 7, "main", "work"));

    JsonNode posts = s.adminJson("posts").path("posts");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).path("stored").asBoolean()).isTrue();
    assertThat(s.adminJson("calls").path("calls")).hasSize(3);
    HttpResponse<String> created = s.admin("POST", "profiling-groups", "{\"name\": \"second\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(sdk.listProfilingGroups(r -> {}).profilingGroupNames())
        .containsExactly("my-app", "second");
    HttpResponse<String> bad = s.admin("POST", "faults", "{\"fault\": {\"type\": \"nope\"}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("fault.type");

    // SIGTERM closes it cleanly; nothing but the ready line ever reached stdout.
    s.process.destroy();
    s.awaitExit();
    assertThat(s.remainingStdout()).isEmpty();
  }

  @Test
  void a_fault_injected_through_the_admin_api_is_seen_by_the_sdk() throws Exception {
    Server s = new Server("--port", "0", "--auto-create-groups");
    s.awaitReady();
    CodeGuruProfilerClient sdk = s.sdk();
    HttpResponse<String> injected =
        s.admin(
            "POST",
            "faults",
            "{\"fault\": {\"type\": \"throttling\", \"message\": \"from the admin API\"},"
                + " \"operations\": [\"PostAgentProfile\"], \"nextCalls\": 1}");
    assertThat(injected.statusCode()).as(injected.body()).isEqualTo(201);

    assertThatThrownBy(() -> post(sdk, "auto", profileAt(0, 1, "main")))
        .isInstanceOf(ThrottlingException.class)
        .hasMessageContaining("from the admin API");
    post(sdk, "auto", profileAt(0, 1, "main"));
    JsonNode calls = s.adminJson("calls?operation=PostAgentProfile").path("calls");
    assertThat(calls).extracting(c -> c.path("status").asInt()).containsExactly(429, 204);
    assertThat(calls.get(0).path("faultInjected").asBoolean()).isTrue();
  }

  @Test
  void a_data_directory_keeps_groups_and_every_acknowledged_post_even_through_kill_9()
      throws Exception {
    Path data = temp.resolve("data");
    Server first = new Server("--port", "0", "--data-dir", data.toString());
    first.awaitReady();
    CodeGuruProfilerClient sdk = first.sdk();
    sdk.createProfilingGroup(r -> r.profilingGroupName("svc").clientToken("c1"));
    List<Profile> posted =
        List.of(
            profileAt(0, 10, "main", "a"),
            profileAt(1, 5, "main", "b"),
            profileAt(6, 2, "main", "c"));
    for (Profile p : posted) {
      post(sdk, "svc", p);
    }
    // kill -9 right after the last 204.
    first.process.destroyForcibly();
    first.awaitExit();

    Server second = new Server("--port", "0", "--data-dir", data.toString());
    second.awaitReady();
    assertThat(second.sdk().listProfilingGroups(r -> {}).profilingGroupNames())
        .containsExactly("svc");
    assertThat(second.adminJson("posts?group=svc").path("posts")).hasSize(3);
    assertThat(second.adminJson("status").path("dataDirectoryProblems")).isEmpty();
    JsonNode aggregated =
        second.adminJson(
            "aggregated-profile?group=svc&start="
                + T0.minusSeconds(3600)
                + "&end="
                + T0.plusSeconds(3600));
    Profile restored =
        ProfileCodec.defaults().decode(JSON.writeValueAsBytes(aggregated), ProfileFormat.JSON);
    assertThat(restored.totalCounts())
        .isEqualTo(posted.get(0).merge(posted.get(1)).merge(posted.get(2)).totalCounts());
    assertThat(second.stderrText()).isEmpty();
  }

  @Test
  void a_corrupt_file_in_the_data_directory_is_reported_and_skipped() throws Exception {
    Path data = temp.resolve("data");
    Server first =
        new Server("--port", "0", "--data-dir", data.toString(), "--create-group", "svc");
    first.awaitReady();
    CodeGuruProfilerClient sdk = first.sdk();
    post(sdk, "svc", profileAt(0, 10, "main"));
    post(sdk, "svc", profileAt(1, 10, "main"));
    first.process.destroy();
    first.awaitExit();
    try (var files = Files.list(data.resolve("posts/svc"))) {
      Path victim = files.sorted().findFirst().orElseThrow();
      byte[] b = Files.readAllBytes(victim);
      Files.write(victim, java.util.Arrays.copyOf(b, b.length / 2));
    }

    Server second =
        new Server("--port", "0", "--data-dir", data.toString(), "--create-group", "svc");
    second.awaitReady();
    assertThat(second.adminJson("posts").path("posts")).hasSize(1);
    JsonNode problems = second.adminJson("status").path("dataDirectoryProblems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).asText()).contains("truncated");
    assertThat(second.stderrText()).contains("truncated");
  }

  @Test
  void the_clock_runs_with_real_time_unless_frozen_and_can_be_moved() throws Exception {
    Instant start = Instant.parse("2024-01-02T03:00:00Z");
    Server running = new Server("--port", "0", "--clock-start", start.toString());
    Server frozen = new Server("--port", "0", "--clock-start", start.toString(), "--frozen-clock");
    running.awaitReady();
    frozen.awaitReady();

    Instant a = running.now();
    assertThat(a).isBetween(start, start.plusSeconds(60));
    assertThat(frozen.now()).isEqualTo(start);
    // Real time passes: the running clock follows it, the frozen one does not move meanwhile.
    Instant b = running.awaitNowAfter(a.plusMillis(200));
    assertThat(frozen.now()).isEqualTo(start);
    HttpResponse<String> advanced = running.admin("POST", "clock/advance", "{\"by\": \"P16D\"}");
    assertThat(Instant.parse(JSON.readTree(advanced.body()).path("now").asText()))
        .isAfter(b.plus(Duration.ofDays(16)));

    frozen.admin("PUT", "clock", "{\"now\": \"2025-01-01T00:00:00Z\"}");
    assertThat(frozen.adminJson("clock").path("now").asText()).isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void the_admin_token_is_required_and_no_admin_turns_the_api_off() throws Exception {
    Server guarded = new Server("--port", "0", "--bind", "0.0.0.0", "--admin-token", "s3cret");
    guarded.awaitReady();
    assertThat(guarded.admin("GET", "status", null).statusCode()).isEqualTo(401);
    assertThat(guarded.admin("GET", "status", null, "Authorization", "Bearer s3cret").statusCode())
        .isEqualTo(200);
    assertThat(guarded.stderrText())
        .startsWith("fakeguru: warning: binding to 0.0.0.0")
        .contains("requires its token");

    Server plain = new Server("--port", "0", "--no-admin");
    plain.awaitReady();
    HttpResponse<String> r = plain.admin("GET", "status", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("UnknownOperationException");
  }

  @Test
  void require_signatures_checks_sigv4_with_the_real_sdk() throws Exception {
    Server s =
        new Server(
            "--port", "0", "--create-group", "app", "--require-signatures", "AKIDTEST:test-secret");
    s.awaitReady();
    assertThat(
            s.sdk("AKIDTEST", "test-secret")
                .describeProfilingGroup(b -> b.profilingGroupName("app"))
                .profilingGroup()
                .name())
        .isEqualTo("app");
    var wrongSecret =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.awscore.exception.AwsServiceException.class,
            () ->
                s.sdk("AKIDTEST", "other-secret")
                    .describeProfilingGroup(b -> b.profilingGroupName("app")));
    assertThat(wrongSecret.statusCode()).isEqualTo(403);
    assertThat(wrongSecret.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    var unknownKey =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            software.amazon.awssdk.awscore.exception.AwsServiceException.class,
            () ->
                s.sdk("AKIDOTHER", "test-secret")
                    .describeProfilingGroup(b -> b.profilingGroupName("app")));
    assertThat(unknownKey.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    HttpResponse<String> unsigned =
        HTTP.send(
            HttpRequest.newBuilder(s.endpoint.resolve("/profilingGroups/app"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType").orElse(""))
        .startsWith("MissingAuthenticationTokenException");
    // The admin API is not an AWS API: it is guarded by --admin-token, not by signatures.
    assertThat(s.admin("GET", "status", null).statusCode()).isEqualTo(200);
  }

  /** A profile of the second before {@code end}, sampled every 100 ms, with agent metadata. */
  static Profile secondBefore(Instant end) {
    return Profile.builder(end.minusSeconds(1), end.minusMillis(100))
        .agentMetadata(
            java.util.Map.of(
                "sampleWeights", java.util.Map.of("WALL_TIME", 9.0),
                "durationInMs", 900,
                "numTimesSampled", 8,
                "agentInfo", java.util.Map.of("type", "it-agent", "version", "1"),
                "fleetInfo", java.util.Map.of("id", "host-1")))
        .stack(8, "main", "work")
        .build();
  }

  static final Instant SCENARIO_START = Instant.parse("2024-01-02T03:00:00Z");

  /** A server steering group "app" through "steady" with a 1 s period, on a frozen clock. */
  Server scenarioServer() throws Exception {
    Server s =
        new Server(
            "--port",
            "0",
            "--clock-start",
            SCENARIO_START.toString(),
            "--frozen-clock",
            "--scenario",
            "steady",
            "--scenario-group",
            "app",
            "--scenario-period",
            "1");
    s.awaitReady();
    return s;
  }

  @Test
  void a_scenario_judges_the_agent_and_prints_the_report_after_the_ready_line() throws Exception {
    Server s = scenarioServer();
    CodeGuruProfilerClient agent = s.sdk();

    // An agent that reports every period (1 s), moving the frozen clock through the admin API.
    agent.configureAgent(r -> r.profilingGroupName("app"));
    for (int second = 1; second <= 4; second++) {
      s.admin("POST", "clock/advance", "{\"by\": \"PT1S\"}");
      if (second < 4) {
        post(agent, "app", secondBefore(SCENARIO_START.plusSeconds(second)));
        agent.configureAgent(r -> r.profilingGroupName("app"));
      }
    }

    assertThat(s.awaitExit()).as("exit status (stderr: %s)", s.stderrText()).isZero();
    String report = String.join("\n", s.stdout);
    assertThat(report)
        .startsWith(
            "Agent conformance of profiling group 'app': PASS (14 passed, 4 not observed, of 18"
                + " rules)\nWindow: 2024-01-02T03:00:00Z to 2024-01-02T03:00:04Z on the fake's"
                + " clock; 7 agent calls, 3 posts.")
        .contains("\nPASS         reporting-period: 3 intervals judged, none broke the rule");
    assertThat(s.stderrText()).contains("fakeguru: steering profiling group 'app' through the");
  }

  @Test
  void a_scenario_exits_3_when_the_agent_breaks_a_rule() throws Exception {
    Server s = scenarioServer();
    CodeGuruProfilerClient agent = s.sdk();

    post(agent, "app", secondBefore(SCENARIO_START)); // before any ConfigureAgent
    agent.configureAgent(r -> r.profilingGroupName("app"));
    s.admin("POST", "clock/advance", "{\"by\": \"PT4S\"}");

    assertThat(s.awaitExit()).isEqualTo(3);
    assertThat(String.join("\n", s.stdout))
        .contains("': FAIL (")
        .contains(
            "\nFAIL         first-call-configure-agent: 1 violation in 1 first call judged\n"
                + "    rule: The agent's first call is ConfigureAgent.\n"
                + "    #1 (+0.000 s) PostAgentProfile came before any ConfigureAgent");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--require-signatures AKIDONLY | --require-signatures needs ACCESS_KEY_ID:SECRET",
        "--port abc             | --port needs a number",
        "--frobnicate           | unknown option --frobnicate",
        "--account-id 42        | --account-id needs 12 digits",
        "--create-group ../etc  | --create-group needs a profiling-group name",
        "--bind no.such.host.invalid | --bind needs a local address",
      })
  void bad_options_exit_2_with_a_one_line_error(String line, String message) throws Exception {
    Server s = new Server(line.split(" "));
    assertThat(s.awaitExit()).isEqualTo(2);
    String err = s.stderrText();
    assertThat(err.strip()).startsWith("fakeguru: error: ").contains(message).doesNotContain("\n");
    assertThat(s.remainingStdout()).isEmpty();
  }

  @Test
  void a_taken_port_exits_1_with_a_one_line_error() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Server s = new Server("--port", String.valueOf(taken.getLocalPort()));
      assertThat(s.awaitExit()).isEqualTo(1);
      assertThat(s.stderrText().strip())
          .startsWith("fakeguru: error: cannot listen on")
          .doesNotContain("\n");
      assertThat(s.remainingStdout()).isEmpty();
    }
  }

  @Test
  void help_prints_the_usage_and_exits_0() throws Exception {
    Server s = new Server("--help");
    assertThat(s.awaitExit()).isZero();
    assertThat(String.join("\n", s.remainingStdout()))
        .startsWith("Usage: java -jar fakeguru-standalone.jar")
        .contains("--data-dir DIR");
  }

  /** A profile of {@code frames} distinct frames under the root, as gzipped JSON text. */
  static byte[] wideGzippedProfile(int frames) throws IOException {
    StringBuilder json =
        new StringBuilder("{\"start\":" + T0.toEpochMilli() + ",\"end\":" + T0.toEpochMilli());
    json.append(",\"callgraph\":{\"children\":{");
    for (int i = 0; i < frames; i++) {
      json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"counts\":{\"CPU\":1}}");
    }
    json.append("}}}");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(json.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static HttpResponse<String> postGzipped(Server s, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(s.endpoint.resolve("/profilingGroups/app/agentProfile"))
            .timeout(Duration.ofSeconds(40))
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_post_that_exhausts_the_heap_is_a_500_and_the_server_keeps_serving() throws Exception {
    Server s =
        new Server(
            List.of("-Xmx48m", "-XX:+UseSerialGC"),
            "--port",
            "0",
            "--create-group",
            "app",
            "--max-aggregated-nodes",
            "100000000");
    s.awaitReady();

    HttpResponse<String> r = postGzipped(s, wideGzippedProfile(600_000));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerException");
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .contains("ran out of memory")
        .contains("it keeps serving");
    assertThat(s.sdk().describeProfilingGroup(b -> b.profilingGroupName("app")).profilingGroup())
        .isNotNull();
    post(s.sdk(), "app", profileAt(0, 3, "main"));
    assertThat(s.adminJson("posts").path("posts"))
        .singleElement()
        .satisfies(p -> assertThat(p.path("stored").asBoolean()).isTrue());
  }

  @Test
  void the_memory_bounds_are_options_that_the_status_reports() throws Exception {
    Server s =
        new Server(
            "--port",
            "0",
            "--create-group",
            "app",
            "--max-recorded-bytes",
            "100000",
            "--max-aggregated-nodes",
            "10");
    s.awaitReady();

    // Kept as sent by its 5-minute bucket, it counts one node per 200 bytes of its body (several
    // KB gzipped): more than 10.
    HttpResponse<String> refused = postGzipped(s, wideGzippedProfile(3_000));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
    assertThat(refused.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("ServiceQuotaExceededException");
    JsonNode status = s.adminJson("status");
    assertThat(status.path("maxRecordedBytes").asLong()).isEqualTo(100_000);
    assertThat(status.path("maxAggregatedNodes").asLong()).isEqualTo(10);
    assertThat(status.path("aggregatedNodes").asLong()).isZero();
    assertThat(status.path("recordedBytes").asLong()).isBetween(1L, 100_000L);
  }

  @Test
  void allow_origin_lets_pages_of_that_origin_call_the_api_with_cors() throws Exception {
    Server s =
        new Server(
            "--port", "0", "--create-group", "app", "--allow-origin", "http://localhost:9876");
    s.awaitReady();

    HttpResponse<String> allowed =
        HTTP.send(
            HttpRequest.newBuilder(s.endpoint.resolve("/profilingGroups/app"))
                .header("Origin", "http://localhost:9876")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> other =
        HTTP.send(
            HttpRequest.newBuilder(s.endpoint.resolve("/profilingGroups/app"))
                .header("Origin", "https://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:9876");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
  }
}
