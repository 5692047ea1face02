package dev.fakeguru.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Target 4(c): a class whose {@code @Nested} classes' tests run concurrently (8 threads, set by the
 * launcher's configuration), sharing one fake as the extension's Javadoc advises for concurrent
 * tests ({@code resetEachTest = false}, groups created on first use). Each test posts a small agent
 * profile through the injected SDK client to one of 8 groups (so posts meet in a group, as a busy
 * suite's would), then reads that group back with GetProfile.
 */
@FakeCodeGuruProfilerTest(
    resetEachTest = false,
    autoCreateProfilingGroups = true,
    clockStart = "2026-01-12T10:02:30Z")
@Execution(ExecutionMode.CONCURRENT)
public class ParallelSdkTests {
  static final int REPETITIONS = 1500;
  static final Instant START = Instant.parse("2026-01-12T10:00:00Z");
  static final byte[] PROFILE =
      ("{\"start\":"
              + START.toEpochMilli()
              + ",\"end\":"
              + (START.toEpochMilli() + 60_000)
              + ",\"agentMetadata\":{\"sampleWeights\":{\"WALL_TIME\":1.0},\"durationInMs\":60000},"
              + "\"callgraph\":{\"children\":{\"main\":{\"children\":{\"handle\":{\"children\":"
              + "{\"queryDb\":{\"counts\":{\"WALL_TIME\":3}},\"render\":{\"counts\":{\"WALL_TIME\":2}}},"
              + "\"counts\":{\"WALL_TIME\":1}}}}}}}")
          .getBytes(StandardCharsets.UTF_8);
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void inject(CodeGuruProfilerClient injected) {
    client = injected;
  }

  static void postThenRead(String group) {
    client.postAgentProfile(
        r ->
            r.profilingGroupName(group)
                .contentType("application/json")
                .agentProfile(SdkBytes.fromByteArrayUnsafe(PROFILE)));
    byte[] answer =
        client
            .getProfile(
                r ->
                    r.profilingGroupName(group)
                        .startTime(START)
                        .endTime(START.plusSeconds(300))
                        .accept("application/json"))
            .profile()
            .asByteArray();
    assertTrue(answer.length > 0);
  }

  /** The first half of the tests. */
  @Nested
  class Uploads {
    @RepeatedTest(REPETITIONS)
    void postAndRead(RepetitionInfo r) {
      postThenRead("group-" + (r.getCurrentRepetition() % 8));
    }
  }

  /** The second half, in a sibling class: both run at the same time. */
  @Nested
  class Dashboards {
    @RepeatedTest(REPETITIONS)
    void postAndRead(RepetitionInfo r) {
      postThenRead("group-" + (r.getCurrentRepetition() % 8));
    }
  }
}
