package dev.fakeguru.benchmarks.suites;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * {@link PlainSdkTests} with the annotation form: the fake, its reset before each test and the
 * class's client come from the extension.
 */
@FakeCodeGuruProfilerTest(profilingGroups = AnnotatedSdkTests.GROUP)
public class AnnotatedSdkTests {
  static final String GROUP = "suite-app";
  static CodeGuruProfilerClient client;

  @BeforeAll
  static void inject(CodeGuruProfilerClient injected) {
    client = injected;
  }

  @RepeatedTest(1000)
  void oneCall() {
    assertNotNull(client.configureAgent(r -> r.profilingGroupName(GROUP)).configuration());
  }
}
