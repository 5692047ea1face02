package dev.fakeguru.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The base of one client's suite: resets the running server before each scenario and appends each
 * scenario's outcome to the results file that {@code compat/run-matrix} turns into the README table
 * ({@code client TAB scenario TAB PASS|FAIL TAB detail}), plus one {@code version} line per suite.
 *
 * <p>The server's address comes from the system property {@code fakeguru.compat.endpoint}; the results
 * file from {@code fakeguru.compat.results} (optional).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MatrixSuite.Recorder.class)
abstract class MatrixSuite {
  static final String ENDPOINT = requiredProperty("fakeguru.compat.endpoint");
  static final Admin ADMIN = new Admin(ENDPOINT);
  private boolean versionRecorded;

  /** The client column: {@code java-v2-sync}, {@code java-v2-async} or {@code java-v1}. */
  abstract String clientId();

  /** The SDK and its exact version, read from the SDK itself. */
  abstract String sdkVersion();

  @BeforeEach
  void resetServer() {
    ADMIN.reset();
    if (!versionRecorded) {
      record(clientId(), "version", "INFO", sdkVersion());
      versionRecorded = true;
    }
  }

  /** Writes each scenario's outcome. */
  static final class Recorder implements TestWatcher {
    @Override
    public void testSuccessful(ExtensionContext context) {
      outcome(context, "PASS", "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      String message = String.valueOf(cause.getMessage()).strip();
      int nl = message.indexOf('\n');
      outcome(context, "FAIL", cause.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl)));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
      outcome(context, "FAIL", "aborted: " + cause.getMessage());
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

  static synchronized void record(String client, String scenario, String status, String detail) {
    String file = System.getProperty("fakeguru.compat.results", "");
    String line = String.join("\t", client, scenario, status, detail.replace('\t', ' ').replace('\n', ' ')) + "\n";
    System.out.print(line);
    if (file.isEmpty()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requiredProperty(String name) {
    String v = System.getProperty(name, "");
    if (v.isEmpty()) {
      throw new IllegalStateException(
          "Set -D" + name + "=http://127.0.0.1:PORT (the running standalone server); compat/run-matrix does");
    }
    return v;
  }
}
