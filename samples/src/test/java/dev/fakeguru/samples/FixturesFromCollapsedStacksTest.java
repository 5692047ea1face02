package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.CollapsedStacks;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Fixtures from collapsed stacks, the text format of async-profiler, FlameGraph and speedscope:
 * copy a few lines from a real profile into the test (or read a file) and post them as the agent
 * would.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout")
class FixturesFromCollapsedStacksTest {

  // In a real project this would usually be a file:
  // Files.readString(Path.of("src/test/resources/cpu.collapsed")).
  static final String COLLAPSED =
      """
      main;Server.handle;Orders.load;Db.query 45
      main;Server.handle;Orders.load;Json.parse 15
      main;Server.handle;Templates.render 30
      main;Gc.pause 10
      """;

  @Test
  void postsACollapsedStacksFixture(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // tag::collapsed-stacks[]
    // Collapsed stacks have no time range: give the fixture one before posting it.
    Profile fixture =
        CollapsedStacks.read(COLLAPSED, CounterTypes.WALL_TIME).toBuilder()
            .start(Instant.parse("2024-01-02T03:00:00Z"))
            .end(Instant.parse("2024-01-02T03:05:00Z"))
            .build();
    byte[] json = ProfileCodec.defaults().encode(fixture, ProfileFormat.JSON);

    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // The fake decoded exactly the tree we started from.
    Profile received = fake.profilePosts("checkout").get(0).requireProfile();
    assertThat(received)
        .isEqualToTree(fixture)
        .hasTotalSamples(100)
        .hasFrameShareAtLeast("Orders.load", 60.0);
    assertThat(received).hottestFramesBySelf(2).containsExactly("Db.query", "Templates.render");
    // end::collapsed-stacks[]
  }

  @Test
  void roundTripsToCollapsedStacks(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    Profile fixture =
        CollapsedStacks.read(COLLAPSED, CounterTypes.WALL_TIME).toBuilder()
            .start(Instant.parse("2024-01-02T03:00:00Z"))
            .end(Instant.parse("2024-01-02T03:05:00Z"))
            .build();
    byte[] json = ProfileCodec.defaults().encode(fixture, ProfileFormat.JSON);
    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();

    // Write what the fake received back out, e.g. to look at it in speedscope when a test fails.
    String text =
        CollapsedStacks.write(
            fake.profilePosts("checkout").get(0).requireProfile(), CounterTypes.WALL_TIME);
    assertThat(text.lines()).containsExactlyInAnyOrderElementsOf(COLLAPSED.lines().toList());
  }
}
