package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.recording.Operation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * Concurrent tests really overlap (they meet at barriers with a timeout) and each sees only its own
 * calls: with a fake per test, or with distinct profiling groups on a shared fake.
 */
class ParallelExecutionTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static volatile CyclicBarrier before;
  static volatile CyclicBarrier after;

  static void meet(CyclicBarrier barrier) throws Exception {
    barrier.await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void clear() {
    LOG.clear();
  }

  @Disabled(RUN_VIA_KIT)
  static class ServerPerTestTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    void body(String group, CodeGuruProfilerClient client) throws Exception {
      meet(before);
      client.createProfilingGroup(b -> b.profilingGroupName(group));
      meet(after); // every test has made its call by now
      LOG.add(
          group
              + " calls="
              + fake.recordedCalls().size()
              + " groups="
              + fake.profilingGroupNames());
    }

    @Test
    void a(CodeGuruProfilerClient client) throws Exception {
      body("a", client);
    }

    @Test
    void b(CodeGuruProfilerClient client) throws Exception {
      body("b", client);
    }

    @Test
    void c(CodeGuruProfilerClient client) throws Exception {
      body("c", client);
    }
  }

  @Test
  void concurrentTestsWithAServerEachSeeOnlyTheirOwnCalls() {
    before = new CyclicBarrier(3);
    after = new CyclicBarrier(3);
    Kit.runConcurrently(ServerPerTestTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3).failed(0));

    assertThat(LOG)
        .containsExactlyInAnyOrder(
            "a calls=1 groups=[a]", "b calls=1 groups=[b]", "c calls=1 groups=[c]");
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(
      profilingGroups = {"a", "b", "c"},
      resetEachTest = false)
  static class SharedServerDistinctGroupsTests {
    void body(String group, FakeCodeGuruProfiler fake, CodeGuruProfilerClient client)
        throws Exception {
      meet(before);
      client.describeProfilingGroup(b -> b.profilingGroupName(group));
      meet(after);
      LOG.add(
          group
              + " own="
              + fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP, group).size()
              + " all="
              + fake.recordedCalls().size());
    }

    @Test
    void a(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) throws Exception {
      body("a", fake, client);
    }

    @Test
    void b(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) throws Exception {
      body("b", fake, client);
    }

    @Test
    void c(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) throws Exception {
      body("c", fake, client);
    }
  }

  @Test
  void concurrentTestsOnASharedServerFilterByTheirOwnProfilingGroup() {
    before = new CyclicBarrier(3);
    after = new CyclicBarrier(3);
    Kit.runConcurrently(SharedServerDistinctGroupsTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3).failed(0));

    assertThat(LOG).containsExactlyInAnyOrder("a own=1 all=3", "b own=1 all=3", "c own=1 all=3");
  }

  static final AtomicInteger ACTIVE = new AtomicInteger();
  static final AtomicInteger MAX_ACTIVE = new AtomicInteger();

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class ResettingAnnotationTests {
    @Test
    void one(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info)
        throws Exception {
      serialised(fake, client, info);
    }

    @Test
    void two(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info)
        throws Exception {
      serialised(fake, client, info);
    }

    @Test
    void three(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info)
        throws Exception {
      serialised(fake, client, info);
    }

    @Test
    void meetsTheOtherClass() throws Exception {
      meet(before); // only possible if the other class runs at the same time
      LOG.add("met");
    }

    static void serialised(FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, TestInfo info)
        throws Exception {
      MAX_ACTIVE.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
      try {
        String group = info.getTestMethod().orElseThrow().getName();
        client.createProfilingGroup(b -> b.profilingGroupName(group));
        Thread.sleep(30);
        LOG.add(
            group
                + " calls="
                + fake.recordedCalls().size()
                + " groups="
                + fake.profilingGroupNames());
      } finally {
        ACTIVE.decrementAndGet();
      }
    }
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class OtherAnnotatedTests {
    @Test
    void meetsTheFirstClass() throws Exception {
      meet(before);
      LOG.add("met");
    }
  }

  @Test
  void theAnnotationSerialisesTestsSharingAResetServerButNotClasses() {
    before = new CyclicBarrier(2);
    ACTIVE.set(0);
    MAX_ACTIVE.set(0);
    Kit.runConcurrently(ResettingAnnotationTests.class, OtherAnnotatedTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(5).succeeded(5).failed(0));

    assertThat(LOG)
        .containsExactlyInAnyOrder(
            "one calls=1 groups=[one]",
            "two calls=1 groups=[two]",
            "three calls=1 groups=[three]",
            "met",
            "met");
    assertThat(MAX_ACTIVE).as("tests sharing the reset server never overlap").hasValue(1);
  }
}
