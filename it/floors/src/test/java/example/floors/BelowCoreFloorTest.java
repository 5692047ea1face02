package example.floors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.UnsupportedDependencyException;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Below core's floor (Jackson 2.14.3, as a Spring Boot 3.0 BOM pins it) and the extension's (JUnit
 * Jupiter 5.12.0): one clear exception naming the library, both versions and the fix, where a user
 * first touches FakeGuru, instead of a NoClassDefFoundError inside a codec.
 */
@Tag("below-core")
@Timeout(60)
class BelowCoreFloorTest {

  @Test
  void buildingTheFakeOnJackson214NamesTheVersionsAndTheFix() {
    assertThatThrownBy(() -> FakeCodeGuruProfiler.builder().start())
        .isInstanceOf(UnsupportedDependencyException.class)
        .hasMessageContaining("Jackson (com.fasterxml.jackson.core:jackson-core) 2.15.0 or newer")
        .hasMessageContaining("but found 2.14.3 (jackson-core-2.14.3.jar)")
        .hasMessageContaining("import com.fasterxml.jackson:jackson-bom 2.15.0 or newer");
  }

  @Test
  void soDoesTheCodecAlone() {
    assertThatThrownBy(ProfileCodec::defaults)
        .isInstanceOf(UnsupportedDependencyException.class)
        .hasMessageContaining("but found 2.14.3");
  }

  @Test
  void theExtensionOnJUnit5120NamesTheVersionsAndTheFix() {
    Event failed =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(UsesTheExtension.class))
            .execute()
            .allEvents()
            .failed()
            .stream()
            .findFirst()
            .orElseThrow();

    Throwable thrown =
        failed.getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(thrown)
        .isInstanceOf(UnsupportedDependencyException.class)
        .hasMessageContaining("JUnit Jupiter (org.junit.jupiter:junit-jupiter-api) 5.12.1 or newer")
        .hasMessageContaining("but found 5.12.0")
        .hasMessageContaining("import org.junit:junit-bom 5.12.1 or newer");
  }

  /** Run by the test kit above only: surefire skips nested classes. */
  @ExtendWith(FakeCodeGuruProfilerExtension.class)
  static class UsesTheExtension {
    @Test
    void anyTest(FakeCodeGuruProfiler fake) {
      assertThat(fake).isNotNull();
    }
  }
}
