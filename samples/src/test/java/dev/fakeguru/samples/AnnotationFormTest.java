package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The annotation form: the same per-class fake as a bare {@code @ExtendWith}, configured by the
 * annotation's attributes, here a group that exists in every test and both strict modes.
 */
// tag::extension-annotation[]
@FakeCodeGuruProfilerTest(
    profilingGroups = "checkout",
    failOnUnexpectedCalls = true,
    failOnUnconsumedScripts = true)
class AnnotationFormTest {

  @Test
  void theGroupExistsInEveryTest(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client, URI endpoint) {
    // end::extension-annotation[]
    assertThat(
            client
                .describeProfilingGroup(r -> r.profilingGroupName("checkout"))
                .profilingGroup()
                .name())
        .isEqualTo("checkout");
    assertThat(endpoint).isEqualTo(fake.endpoint());
    assertThat(fake.unexpectedCalls()).isEmpty();
  }
}
