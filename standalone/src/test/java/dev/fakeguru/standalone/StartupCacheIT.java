package dev.fakeguru.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfilingGroupsResponse;

/**
 * The start-up cache the README documents, as a user makes it: a training run of the jar ({@code
 * --training-run}) records it, and a second start uses it, prints its ready line and answers the
 * SDK. On JDK 25 and later the cache is an AOT cache ({@code -XX:AOTCacheOutput}, then {@code
 * -XX:AOTCache} with {@code -XX:AOTMode=on}, which refuses to start without it); on earlier JDKs an
 * AppCDS archive ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile} with {@code
 * -Xshare:on}). Either way the server's own classes must come from the cache. The JVM is the
 * test's, or {@code -Dfakeguru.cache.java=PATH} (how {@code .ci/run} checks JDK 25 with a jar built
 * on JDK 17).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StartupCacheIT {
  private static final Pattern READY = Pattern.compile("^FakeGuru listening on (http://\\S+)$");
  private static Path jar;
  private static String java;
  private static int feature;

  @TempDir Path temp;
  private final List<Process> processes = new ArrayList<>();

  @BeforeAll
  static void locate() throws Exception {
    String configured = System.getProperty("fakeguru.standalone.jar");
    jar =
        Path.of(configured != null ? configured : "target/fakeguru-standalone.jar")
            .toAbsolutePath();
    Assumptions.assumeTrue(Files.isRegularFile(jar), "Skipping: " + jar + " does not exist");
    String other = System.getProperty("fakeguru.cache.java", "");
    java =
        other.isBlank()
            ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
            : other;
    Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("version \"(\\d+)").matcher(text);
    assertThat(m.find()).as("the version of %s: %s", java, text).isTrue();
    feature = Integer.parseInt(m.group(1));
  }

  @AfterEach
  void killEverything() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_training_run_records_a_cache_that_a_later_start_uses() throws Exception {
    boolean aot = feature >= 25;
    Path cache = temp.resolve(aot ? "fakeguru.aot" : "fakeguru.jsa");
    Process training =
        start(
            aot ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache,
            "-jar",
            jar.toString(),
            "--port",
            "0",
            "--training-run");
    assertThat(training.waitFor(150, TimeUnit.SECONDS)).as("the training run ends").isTrue();
    assertThat(training.exitValue()).as("the training run's status").isZero();
    assertThat(cache).as("the cache the training run recorded").isNotEmptyFile();

    Path classes = temp.resolve("classes.txt");
    Process server =
        start(
            aot ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache,
            aot ? "-XX:AOTMode=on" : "-Xshare:on",
            "-Xlog:class+load=info:file=" + classes,
            "-jar",
            jar.toString(),
            "--port",
            "0");
    URI endpoint = awaitReady(server);
    try (CodeGuruProfilerClient client =
        CodeGuruProfilerClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build()) {
      ListProfilingGroupsResponse groups = client.listProfilingGroups(b -> {});
      assertThat(groups.sdkHttpResponse().statusCode()).isEqualTo(200);
      assertThat(groups.profilingGroupNames()).isEmpty();
    }
    assertThat(Files.readAllLines(classes))
        .as("where the server's classes came from")
        .anyMatch(l -> l.contains("dev.fakeguru.standalone.Main source: shared objects file"))
        .anyMatch(
            l -> l.contains("dev.fakeguru.internal.server.FakeServer source: shared objects file"));
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(temp.toFile())
            .redirectError(Files.createTempFile(temp, "stderr", ".txt").toFile())
            .start();
    processes.add(p);
    return p;
  }

  /** The endpoint of the ready line; lines before it (the JVM's own warnings) are skipped. */
  private static URI awaitReady(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        return URI.create(m.group(1));
      }
    }
    throw new AssertionError("the server ended without its ready line");
  }
}
