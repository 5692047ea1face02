package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.flamegraph.FlameGraphFiles;
import dev.fakeguru.junit5.internal.ArrivalsReport;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/** A failing test shows what the fake received without the user logging anything. */
class FailureDiagnosticsTests {
  private static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  private static final Instant END = START.plusSeconds(300);

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingTests {
    @Test
    void failsAfterACall(CodeGuruProfilerClient client) {
      client.createProfilingGroup(b -> b.profilingGroupName("seen-by-the-fake"));
      fail("boom");
    }

    @Test
    void passes() {}

    @Test
    void aborts() {
      Assumptions.assumeTrue(false, "not today");
    }
  }

  @Test
  void aFailedTestCarriesTheArrivalsAsASuppressedException() {
    EngineExecutionResults results = Kit.run(FailingTests.class);
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(1).aborted(1));

    Throwable failure = failure(results, "failsAfterACall");
    assertThat(failure).hasMessage("boom");
    assertThat(failure.getSuppressed()).hasSize(1);
    assertThat(failure.getSuppressed()[0])
        .isInstanceOf(ArrivalsReport.class)
        .hasMessageStartingWith("FakeCodeGuruProfiler at http://127.0.0.1:")
        .hasMessageContaining("The fake received 1 call:")
        .hasMessageContaining("#1 CreateProfilingGroup POST /profilingGroups -> 201");

    Throwable aborted =
        results.testEvents().aborted().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(aborted.getSuppressed()).as("assumption failures are left alone").isEmpty();
  }

  @Disabled(RUN_VIA_KIT)
  static class FailingBeforeEachTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeEach
    void setUp() {
      fail("setup broke");
    }

    @Test
    void never() {}
  }

  @Test
  void aFailedLifecycleMethodCarriesTheArrivalsToo() {
    EngineExecutionResults results = Kit.run(FailingBeforeEachTests.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));

    Throwable failure = failure(results, "never");
    assertThat(failure).hasMessage("setup broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("The fake received no calls.");
  }

  @Disabled(RUN_VIA_KIT)
  static class FailingBeforeAllTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeAll
    static void setUp() {
      fake.createProfilingGroup("made-in-before-all");
      fail("class setup broke");
    }

    @Test
    void never() {}
  }

  @Test
  void aFailedBeforeAllMethodCarriesTheArrivals() {
    EngineExecutionResults results = Kit.run(FailingBeforeAllTests.class);

    Throwable failure = containerFailure(results, FailingBeforeAllTests.class);
    assertThat(failure).hasMessage("class setup broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOf(ArrivalsReport.class)
        .asString()
        .contains("The fake received no calls.");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingAfterEachTests {
    @AfterEach
    void tearDown(CodeGuruProfilerClient client) {
      client.listProfilingGroups(b -> {});
      fail("teardown broke");
    }

    @Test
    void passes() {}
  }

  @Test
  void aFailedAfterEachMethodCarriesTheArrivalsOfItsTest() {
    EngineExecutionResults results = Kit.run(FailingAfterEachTests.class);
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));

    Throwable failure = failure(results, "passes");
    assertThat(failure).hasMessage("teardown broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("#1 ListProfilingGroups GET /profilingGroups -> 200");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class FailingAfterAllTests {
    @AfterAll
    static void tearDown(CodeGuruProfilerClient client) {
      client.listProfilingGroups(b -> {});
      fail("class teardown broke");
    }

    @Test
    void passes() {}
  }

  @Test
  void aFailedAfterAllMethodCarriesTheArrivals() {
    EngineExecutionResults results = Kit.run(FailingAfterAllTests.class);
    results.testEvents().assertStatistics(s -> s.succeeded(1));

    Throwable failure = containerFailure(results, FailingAfterAllTests.class);
    assertThat(failure).hasMessage("class teardown broke");
    assertThat(failure.getSuppressed())
        .singleElement()
        .asString()
        .contains("ListProfilingGroups GET /profilingGroups -> 200");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(profilingGroups = {"checkout", "search"})
  static class FailingAfterPostsTests {
    @Test
    void failsAfterPosts(CodeGuruProfilerClient client) {
      post(client, "checkout", Profile.builder(START, END).stack(30, "main", "queryDb").build());
      post(client, "checkout", Profile.builder(START, END).stack(10, "main", "<render>").build());
      post(client, "search", Profile.builder(START, END).stack(5, "lookup").build());
      fail("slow");
    }

    static void post(CodeGuruProfilerClient client, String group, Profile p) {
      client.postAgentProfile(
          r ->
              r.profilingGroupName(group)
                  .contentType("application/json")
                  .agentProfile(
                      SdkBytes.fromByteArray(
                          ProfileCodec.defaults().encode(p, ProfileFormat.JSON))));
    }
  }

  @Test
  void aFailedTestAttachesAFlameGraphPerGroupToTheReport(@TempDir Path reports) throws Exception {
    EngineExecutionResults results =
        Kit.builder(FailingAfterPostsTests.class)
            .outputDirectoryCreator(new DirectoryPerTest(reports))
            .execute();

    List<Path> published =
        results.testEvents().stream()
            .flatMap(e -> e.getPayload(FileEntry.class).stream())
            .map(FileEntry::getPath)
            .toList();
    assertThat(published)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("flamegraph-checkout.html", "flamegraph-search.html");
    Path checkout =
        published.stream()
            .filter(p -> p.endsWith("flamegraph-checkout.html"))
            .findFirst()
            .orElseThrow();
    assertThat(Files.readString(checkout))
        .contains(">queryDb<")
        .contains("&lt;render&gt;")
        .contains("checkout · 2 posts · FailingAfterPostsTests.failsAfterPosts");
    assertThat(failure(results, "failsAfterPosts").getSuppressed())
        .singleElement()
        .asString()
        .contains(
            "Flame graph of group checkout (2 posts): "
                + checkout
                + " (attached to the test report)")
        .contains("Flame graph of group search (1 post): ");
  }

  @Test
  void withoutAReportDirectoryTheFlameGraphIsWrittenUnderTarget() throws Exception {
    EngineExecutionResults results = Kit.run(FailingAfterPostsTests.class); // no output directory

    String report = failure(results, "failsAfterPosts").getSuppressed()[0].getMessage();
    Matcher written =
        Pattern.compile(
                "Flame graph of group checkout \\(2 posts\\): (\\S+\\.html)$", Pattern.MULTILINE)
            .matcher(report);
    assertThat(written.find()).as(report).isTrue();
    Path file = Path.of(written.group(1));
    assertThat(file).startsWith(FlameGraphFiles.directory()).content().contains(">queryDb<");
    assertThat(file.getFileName().toString())
        .startsWith("FailingAfterPostsTests.failsAfterPosts-checkout");
  }

  /** A report directory per test, as a build tool's launcher gives. */
  record DirectoryPerTest(Path root) implements OutputDirectoryCreator {
    @Override
    public Path getRootDirectory() {
      return root;
    }

    @Override
    public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
      return Files.createDirectories(
          root.resolve(FlameGraphFiles.safeName(descriptor.getUniqueId().toString())));
    }
  }

  private static Throwable containerFailure(EngineExecutionResults results, Class<?> fixture) {
    Event event =
        results.containerEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().endsWith(fixture.getSimpleName()))
            .findFirst()
            .orElseThrow();
    return event
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }

  private static Throwable failure(EngineExecutionResults results, String method) {
    Event event =
        results.testEvents().failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
            .findFirst()
            .orElseThrow();
    return event
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }
}
