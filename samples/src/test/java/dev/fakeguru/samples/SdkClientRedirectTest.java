package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerExtension;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.samples.ProfileUploader.RunResult;
import dev.fakeguru.samples.ProfileUploader.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * The SDK client built by the code under test. {@link ProfileUploader#withDefaultClient} builds its
 * own client from the environment, with no endpoint; {@code pointSdkClientsAtFake(true)} sets the
 * SDK's system properties ({@code aws.endpointUrl}, {@code aws.region}, dummy credentials) while
 * the class runs, so that client reaches the fake. System properties are global to the JVM, so with
 * parallel execution enabled the class must hold the SYSTEM_PROPERTIES lock (the annotation form
 * takes it by itself).
 */
// tag::sdk-redirect[]
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class SdkClientRedirectTest {

  @RegisterExtension
  static FakeCodeGuruProfilerExtension fake =
      FakeCodeGuruProfilerExtension.builder()
          .configureFake(f -> f.profilingGroup("checkout"))
          .pointSdkClientsAtFake(true)
          .build();

  @Test
  void theUploadersOwnClientReachesTheFake() {
    byte[] json =
        ProfileCodec.defaults()
            .encode(
                Profile.builder(
                        Instant.parse("2024-01-02T03:00:00Z"),
                        Instant.parse("2024-01-02T03:05:00Z"))
                    .stack(5, "main", "work")
                    .build(),
                ProfileFormat.JSON);

    // Production wiring: CodeGuruProfilerClient.builder()...build() without endpoint, region or
    // credentials.
    try (ProfileUploader uploader = ProfileUploader.withDefaultClient("checkout", () -> json)) {
      RunResult result = uploader.runOnce();
      assertThat(result.status()).isEqualTo(Status.POSTED);
    }
    assertThat(fake.profilePosts("checkout")).hasSize(1);
  }

  // end::sdk-redirect[]

  @Test
  void soDoesAPlainCreate() {
    try (CodeGuruProfilerClient client = CodeGuruProfilerClient.create()) {
      assertThat(client.listProfilingGroups(r -> r.includeDescription(true)).profilingGroupNames())
          .containsExactly("checkout");
      assertThat(client.serviceClientConfiguration().region().id()).isEqualTo(fake.region());
    }
  }
}
