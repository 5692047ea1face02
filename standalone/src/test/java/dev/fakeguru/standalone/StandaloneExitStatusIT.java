package dev.fakeguru.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jar's exit status, as a shell script sees it: a stop by SIGTERM or SIGINT is a clean exit
 * (0), a bad option or a server that cannot start is not. Starts {@code
 * target/fakeguru-standalone.jar} as a process; every wait is bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneExitStatusIT {
  private static Path jar;

  @TempDir Path temp;
  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void locateJar() {
    String configured = System.getProperty("fakeguru.standalone.jar");
    jar =
        Path.of(configured != null ? configured : "target/fakeguru-standalone.jar")
            .toAbsolutePath();
    Assumptions.assumeTrue(Files.isRegularFile(jar), "Skipping: " + jar + " does not exist");
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectError(Files.createTempFile(temp, "stderr", ".txt").toFile())
            .start();
    processes.add(p);
    return p;
  }

  /** Blocks (bounded by the class's timeout) until the ready line; the signal handlers are set. */
  private static void awaitReady(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).startsWith("FakeGuru listening on http://127.0.0.1:");
  }

  private static int exitStatus(Process p) throws InterruptedException {
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the process exits").isTrue();
    return p.exitValue();
  }

  /**
   * Whether this JVM was started with the signal ignored (Linux's {@code SigIgn} mask): a process
   * started so keeps it ignored, as Unix expects, and so does the server it starts.
   */
  private static boolean ignoredHere(String name) throws IOException {
    Path status = Path.of("/proc/self/status");
    int number = name.equals("INT") ? 2 : name.equals("TERM") ? 15 : 0;
    if (number == 0 || !Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
      if (line.startsWith("SigIgn:")) {
        long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
        return (mask & (1L << (number - 1))) != 0;
      }
    }
    return false;
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s", name).isZero();
  }

  @ParameterizedTest
  @CsvSource({"TERM", "INT"})
  void a_stop_signal_is_a_clean_exit_with_status_0(String signal) throws Exception {
    Assumptions.assumeFalse(
        ignoredHere(signal),
        "SIG"
            + signal
            + " is ignored in this JVM (a background job of a non-interactive shell, or nohup):"
            + " the server inherits that and rightly keeps ignoring it");
    Process server = start("--port", "0", "--create-group", "my-app");
    awaitReady(server);

    signal(server, signal);

    assertThat(exitStatus(server)).isZero();
  }

  @Test
  void a_bad_option_exits_with_2() throws Exception {
    assertThat(exitStatus(start("--port", "eighty"))).isEqualTo(2);
  }

  @Test
  void a_server_that_cannot_listen_exits_with_1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(exitStatus(start("--port", Integer.toString(taken.getLocalPort())))).isEqualTo(1);
    }
  }
}
