package dev.fakeguru.samples;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;

/**
 * Ion responses. GetProfile without an {@code Accept} header answers Ion binary, as the service
 * does; with {@code Accept: application/json} it answers JSON. {@link ProfileCodec} reads both, and
 * a gzip answer as the SDK hands it over (already inflated, still labelled gzip).
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", clockStart = "2024-01-02T03:10:00Z")
class IonResponsesTest {
  static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant END = Instant.parse("2024-01-02T03:05:00Z");

  @BeforeEach
  void postOneProfile(CodeGuruProfilerClient client) {
    Profile profile =
        Profile.builder(START, END)
            .stack(40, "main", "handle", "parseJson")
            .stack(60, "main", "handle")
            .build();
    byte[] json = ProfileCodec.defaults().encode(profile, ProfileFormat.JSON);
    ProfileUploader.builder(client, "checkout", () -> json).build().runOnce();
  }

  @Test
  void getProfileWithoutAcceptIsIonBinary(CodeGuruProfilerClient client) {
    GetProfileResponse response =
        client.getProfile(
            r -> r.profilingGroupName("checkout").startTime(START).endTime(END)); // no accept

    byte[] body = response.profile().asByteArray();
    assertThat(response.contentType()).isEqualTo("application/x-amzn-ion");
    assertThat(ProfileFormat.detect(body, response.contentType()))
        .isEqualTo(ProfileFormat.ION_BINARY);

    // The codec picks the format from the bytes and the content type.
    Profile decoded = ProfileCodec.defaults().decode(body, response.contentType(), null);
    assertThat(decoded)
        .hasTotalSamples(100)
        .hasCallPath("main", "handle", "parseJson")
        .hasTimeRange(START, END);
  }

  @Test
  void aGzippedAnswerDecodesAsTheSdkReportsIt(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    Profile scripted = Profile.builder(START, END).stack(100, "main", "handle").build();
    fake.enqueueGetProfile(
        "checkout", ScriptedProfileResponse.of(scripted, ProfileFormat.JSON).gzipped());

    // tag::gzip-answer[]
    GetProfileResponse response =
        client.getProfile(r -> r.profilingGroupName("checkout").startTime(START).endTime(END));

    // The SDK has already inflated the body, yet still reports gzip: pass on what it reports.
    assertThat(response.contentEncoding()).isEqualTo("gzip");
    Profile decoded =
        ProfileCodec.defaults()
            .decode(
                response.profile().asByteArray(),
                response.contentType(),
                response.contentEncoding());
    assertThat(decoded).hasTotalSamples(100).hasCallPath("main", "handle");
    // end::gzip-answer[]
  }

  @Test
  void jsonAndIonCarryTheSameProfile(CodeGuruProfilerClient client) {
    GetProfileResponse ion =
        client.getProfile(r -> r.profilingGroupName("checkout").startTime(START).endTime(END));
    GetProfileResponse json =
        client.getProfile(
            r ->
                r.profilingGroupName("checkout")
                    .startTime(START)
                    .endTime(END)
                    .accept("application/json"));

    assertThat(json.contentType()).isEqualTo("application/json");
    Profile fromIon =
        ProfileCodec.defaults().decode(ion.profile().asByteArray(), ion.contentType(), null);
    Profile fromJson =
        ProfileCodec.defaults().decode(json.profile().asByteArray(), json.contentType(), null);
    assertThat(fromIon).isEqualToTree(fromJson);
  }
}
