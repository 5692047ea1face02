package dev.fakeguru.junit5;

import static dev.fakeguru.junit5.Kit.RUN_VIA_KIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the extension is declared decides how long a fake lives. */
class LifecycleTests {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  static final List<FakeCodeGuruProfiler> SEEN = new CopyOnWriteArrayList<>();

  @BeforeEach
  void clear() {
    LOG.clear();
    SEEN.clear();
  }

  private static void see(String event, FakeCodeGuruProfiler fake) {
    LOG.add(event);
    SEEN.add(fake);
  }

  // --- static field: one fake per class
  // ------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  static class StaticFieldSharedServerTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeAll
    static void beforeAll() {
      see("beforeAll", fake.getFake());
    }

    @Test
    void one() {
      see("test", fake.getFake());
    }

    @Test
    void two() {
      see("test", fake.getFake());
    }

    @AfterAll
    static void afterAll() {
      see("afterAll running=" + fake.getFake().isRunning(), fake.getFake());
    }
  }

  @Test
  void staticFieldGivesOneServerPerClassFromBeforeAllToAfterAll() {
    Kit.run(StaticFieldSharedServerTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG).containsExactly("beforeAll", "test", "test", "afterAll running=true");
    assertThat(SEEN).hasSize(4).allMatch(f -> f == SEEN.get(0));
    assertThat(SEEN.get(0).isRunning()).as("closed after the class").isFalse();
    assertThatThrownBy(() -> StaticFieldSharedServerTests.fake.endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No FakeCodeGuruProfiler is running for this extension");
  }

  // --- instance field: one fake per test
  // ------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  static class InstanceFieldRestartBetweenTestsTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeEach
    void beforeEach() {
      see("beforeEach", fake.getFake());
    }

    @Test
    void one() {
      see("test", fake.getFake());
    }

    @Test
    void two() {
      see("test", fake.getFake());
    }
  }

  @Test
  void instanceFieldGivesAFreshServerPerTest() {
    Kit.run(InstanceFieldRestartBetweenTestsTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(SEEN).hasSize(4);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertThat(SEEN.get(2)).isSameAs(SEEN.get(3));
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(2));
    assertThat(SEEN).noneMatch(FakeCodeGuruProfiler::isRunning);
  }

  // --- PER_CLASS: an instance field behaves like a static one
  // ---------------------------------------

  @Disabled(RUN_VIA_KIT)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassInstanceFieldTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @BeforeAll
    void beforeAll(FakeCodeGuruProfiler injected) {
      see("beforeAll same=" + (injected == fake.getFake()), fake.getFake());
    }

    @Test
    @Order(1)
    void one() {
      fake.createProfilingGroup("from-one");
      see("test", fake.getFake());
    }

    @Test
    @Order(2)
    void two() {
      see("test groups=" + fake.profilingGroupNames(), fake.getFake());
    }
  }

  @Test
  void perClassInstanceFieldGivesOneServerPerClassResetBeforeEachTest() {
    Kit.run(PerClassInstanceFieldTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG).containsExactly("beforeAll same=true", "test", "test groups=[]");
    assertThat(SEEN).hasSize(3).allMatch(f -> f == SEEN.get(0));
    assertThat(SEEN.get(0).isRunning()).isFalse();
  }

  // --- annotation: one per class
  // ----------------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest
  static class AnnotationTests {
    @BeforeAll
    static void beforeAll(FakeCodeGuruProfiler fake) {
      see("beforeAll", fake);
    }

    @Test
    void one(FakeCodeGuruProfiler fake) {
      see("test", fake);
    }

    @Test
    void two(FakeCodeGuruProfiler fake) {
      see("test", fake);
    }
  }

  @Test
  void annotationGivesOneServerPerClass() {
    Kit.run(AnnotationTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(SEEN).hasSize(3).allMatch(f -> f == SEEN.get(0));
    assertThat(SEEN.get(0).isRunning()).isFalse();
  }

  // --- @Nested
  // ----------------------------------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  static class NestedWithStaticFieldTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @Test
    void outer() {
      see("outer", fake.getFake());
    }

    @Nested
    class Inner {
      @Test
      void inner(FakeCodeGuruProfiler injected) {
        see("inner same=" + (injected == fake.getFake()), fake.getFake());
      }

      @Nested
      class Deeper {
        @Test
        void deeper() {
          see("deeper", fake.getFake());
        }
      }
    }
  }

  @Test
  void nestedClassesShareTheOuterClassServer() {
    Kit.run(NestedWithStaticFieldTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(3).succeeded(3).failed(0));

    assertThat(LOG).containsExactlyInAnyOrder("outer", "inner same=true", "deeper");
    assertThat(SEEN).hasSize(3).allMatch(f -> f == SEEN.get(0));
    assertThat(SEEN.get(0).isRunning()).isFalse();
  }

  @Disabled(RUN_VIA_KIT)
  @FakeCodeGuruProfilerTest(profilingGroups = "outer-group")
  static class NestedWithAnnotationTests {
    @Test
    void outer(FakeCodeGuruProfiler fake) {
      see("outer", fake);
    }

    @Nested
    class Inner {
      @Test
      void inner(FakeCodeGuruProfiler fake) {
        see("inner " + fake.profilingGroupNames(), fake);
      }
    }
  }

  @Test
  void nestedClassesShareTheAnnotationServer() {
    Kit.run(NestedWithAnnotationTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG).containsExactlyInAnyOrder("outer", "inner [outer-group]");
    assertThat(SEEN).hasSize(2).allMatch(f -> f == SEEN.get(0));
  }

  @Disabled(RUN_VIA_KIT)
  static class NestedWithInstanceFieldTests {
    @RegisterExtension
    FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @Nested
    class Inner {
      @Test
      void one(FakeCodeGuruProfiler injected) {
        see("inner same=" + (injected == fake.getFake()), fake.getFake());
      }

      @Test
      void two() {
        see("inner", fake.getFake());
      }
    }
  }

  @Test
  void nestedTestsUseTheEnclosingInstanceFieldWithAServerPerTest() {
    Kit.run(NestedWithInstanceFieldTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG).containsExactlyInAnyOrder("inner same=true", "inner");
    assertThat(SEEN).hasSize(2).doesNotHaveDuplicates().noneMatch(FakeCodeGuruProfiler::isRunning);
  }

  // --- inheritance
  // ---------------------------------------------------------------------------------

  abstract static class BaseWithStaticField {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

    @Test
    void inherited() {
      see(getClass().getSimpleName(), fake.getFake());
    }
  }

  @Disabled(RUN_VIA_KIT)
  static class FirstSubclassTests extends BaseWithStaticField {}

  @Disabled(RUN_VIA_KIT)
  static class SecondSubclassTests extends BaseWithStaticField {}

  @Test
  void subclassesInheritingAStaticFieldEachGetTheirOwnServer() {
    Kit.run(FirstSubclassTests.class, SecondSubclassTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    assertThat(LOG).containsExactlyInAnyOrder("FirstSubclassTests", "SecondSubclassTests");
    assertThat(SEEN).hasSize(2).doesNotHaveDuplicates().noneMatch(FakeCodeGuruProfiler::isRunning);
  }

  @FakeCodeGuruProfilerTest(profilingGroups = "from-base")
  abstract static class AnnotatedBase {}

  @Disabled(RUN_VIA_KIT)
  static class AnnotatedSubclassTests extends AnnotatedBase {
    @Test
    void seesTheBaseConfiguration(FakeCodeGuruProfiler fake) {
      see("groups=" + fake.profilingGroupNames(), fake);
    }
  }

  @Test
  void theAnnotationIsInherited() {
    Kit.run(AnnotatedSubclassTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));

    assertThat(LOG).containsExactly("groups=[from-base]");
  }

  // --- two extensions ----------------------------------------------------------------------------

  @Disabled(RUN_VIA_KIT)
  static class TwoExtensionsTests {
    @RegisterExtension
    static FakeCodeGuruProfilerExtension first =
        FakeCodeGuruProfilerExtension.builder().configureFake(f -> f.profilingGroup("a")).build();

    @RegisterExtension
    FakeCodeGuruProfilerExtension second = FakeCodeGuruProfilerExtension.builder().build();

    @Test
    void fieldsAreIndependent() {
      see(
          "ports differ="
              + (first.port() != second.port())
              + " groups="
              + first.profilingGroupNames()
              + second.profilingGroupNames(),
          first.getFake());
      SEEN.add(second.getFake());
    }
  }

  @Test
  void twoExtensionsInOneClassRunTwoServers() {
    Kit.run(TwoExtensionsTests.class)
        .testEvents()
        .assertStatistics(s -> s.started(1).succeeded(1).failed(0));

    assertThat(LOG).containsExactly("ports differ=true groups=[a][]");
    assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
  }
}
