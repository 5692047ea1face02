package example.floors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.recording.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

/** The instance-field form: a new fake for every test, closed after it; a 404 is not retried. */
@Tag("at-floor")
@Timeout(60)
class InstanceFieldFormTest {
  @RegisterExtension
  FakeCodeGuruProfilerExtension fake = FakeCodeGuruProfilerExtension.builder().build();

  @Test
  void anUnknownGroupIsNotFoundAndNotRetried(CodeGuruProfilerClient client) {
    assertThatThrownBy(() -> post(client, "missing"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("missing");
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isEqualTo(1);
  }

  @Test
  void eachTestHasAFakeOfItsOwn() {
    assertThat(fake.profilePosts()).isEmpty();
    assertThat(fake.callCount(Operation.POST_AGENT_PROFILE)).isZero();
  }

  private static void post(CodeGuruProfilerClient client, String group) {
    StaticFieldFormTest.post(client, group);
  }
}
