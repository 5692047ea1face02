package dev.fakeguru.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The base of one client's suite: resets the running server before each scenario and appends each
 * scenario's outcome to the results file that {@code compat/run-matrix} turns into the README table
 * ({@code client TAB scenario TAB PASS|FAIL TAB detail}), plus one {@code version} line per suite.
 *
 * <p>The server's address comes from the system property {@code fakeguru.compat.endpoint}; the
 * results file from {@code fakeguru.compat.results} (optional). Before any client is built, the
 * SDKs' own {@code aws.*} and {@code com.amazonaws.sdk.*} system properties are cleared, so only
 * what each suite sets in code (endpoint, region, credentials, retries) can shape a client; the
 * module's POM does the same for the {@code AWS_*} environment and the shared config files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MatrixSuite.Recorder.class)
@Timeout(60)
abstract class MatrixSuite {
  static final String ENDPOINT;
  static final Admin ADMIN;

  static {
    isolateFromAwsConfiguration();
    ENDPOINT = requiredProperty("fakeguru.compat.endpoint");
    ADMIN = new Admin(ENDPOINT);
  }

  private static final int MAX_DETAIL = 200;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private String note = "";

  /** The client column: {@code java-v2-sync}, {@code java-v2-async} or {@code java-v1}. */
  abstract String clientId();

  /** The SDK and its exact version, read from the SDK itself. */
  abstract String sdkVersion();

  @BeforeAll
  void recordVersion() {
    record(clientId(), "version", "INFO", sdkVersion());
  }

  @BeforeEach
  void resetServer() {
    note = "";
    ADMIN.reset();
  }

  @AfterAll
  void closeClients() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    closeables.clear();
  }

  /** Closes {@code closeable} after the suite; returns it. */
  <T extends AutoCloseable> T closeAfterSuite(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** The detail recorded if the running scenario passes (e.g. what it observed). */
  void note(String detail) {
    note = detail;
  }

  /** Writes each scenario's outcome. */
  static final class Recorder implements TestWatcher {
    @Override
    public void testSuccessful(ExtensionContext context) {
      outcome(context, "PASS", ((MatrixSuite) context.getRequiredTestInstance()).note);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      outcome(
          context, "FAIL", cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage()));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
      outcome(context, "FAIL", "aborted: " + firstLine(cause.getMessage()));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
      outcome(context, "FAIL", "disabled: " + reason.orElse(""));
    }

    private static void outcome(ExtensionContext context, String status, String detail) {
      Scenario scenario = context.getRequiredTestMethod().getAnnotation(Scenario.class);
      MatrixSuite suite = (MatrixSuite) context.getRequiredTestInstance();
      if (scenario != null) {
        record(suite.clientId(), scenario.value(), status, detail);
      }
    }
  }

  /** The first non-blank line of {@code message}. */
  static String firstLine(String message) {
    return String.valueOf(message).strip().lines().findFirst().orElse("").strip();
  }

  static synchronized void record(String client, String scenario, String status, String detail) {
    String oneLine = firstLine(detail).replace('\t', ' ');
    if (oneLine.length() > MAX_DETAIL) {
      oneLine = oneLine.substring(0, MAX_DETAIL - 1) + "…";
    }
    String line = String.join("\t", client, scenario, status, oneLine) + "\n";
    System.out.print(line);
    String file = System.getProperty("fakeguru.compat.results", "");
    if (file.isEmpty()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Clears every system property the SDKs read ({@code aws.retryMode}, {@code aws.maxAttempts},
   * {@code aws.defaultsMode}, {@code com.amazonaws.sdk.retryMode}, ...) and points the v2 SDK's
   * config and credentials files at a file that does not exist.
   */
  private static void isolateFromAwsConfiguration() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("aws.") || name.startsWith("com.amazonaws.sdk.")) {
        System.clearProperty(name);
      }
    }
    String none =
        Path.of(System.getProperty("java.io.tmpdir"), "fakeguru-compat-no-aws-config").toString();
    System.setProperty("aws.configFile", none);
    System.setProperty("aws.sharedCredentialsFile", none);
  }

  private static String requiredProperty(String name) {
    String v = System.getProperty(name, "");
    if (v.isEmpty()) {
      throw new IllegalStateException(
          "Set -D"
              + name
              + "=http://127.0.0.1:PORT (the running standalone server); compat/run-matrix does");
    }
    return v;
  }
}
