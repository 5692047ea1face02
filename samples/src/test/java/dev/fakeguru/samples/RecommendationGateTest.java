package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.junit5.FakeCodeGuruProfilerTest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.samples.ProfileUploader.Status;
import dev.fakeguru.samples.RecommendationGate.NewRecommendationException;
import dev.fakeguru.samples.RecommendationGate.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;

/**
 * A CI gate that fails the build on a new recommendation. The test posts the load test's profile
 * and lets the fake derive the recommendation from it ("Json.serialize over 20 % of the samples"),
 * so the gate sees exactly what the data says; or it scripts a recommendation outright.
 */
@FakeCodeGuruProfilerTest(profilingGroups = "checkout", failOnUnexpectedCalls = true)
class RecommendationGateTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant T1 = T0.plus(Duration.ofHours(1));

  /** Posts a five-minute profile: {@code serialize} of 100 samples in Json.serialize. */
  static void upload(CodeGuruProfilerClient client, long serialize) {
    byte[] json =
        ProfileCodec.defaults()
            .encode(
                Profile.builder()
                    .start(T0)
                    .end(T0.plus(Duration.ofMinutes(5)))
                    .stack(serialize, "main", "handle", "Json.serialize")
                    .stack(100 - serialize, "main", "handle", "Db.query")
                    .build(),
                ProfileFormat.JSON);
    assertThat(ProfileUploader.builder(client, "checkout", () -> json).build().runOnce().status())
        .isEqualTo(Status.POSTED);
  }

  @Test
  void failsOnANewRecommendationDerivedFromTheProfiles(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    // tag::recommendation-gate[]
    // The load test's profile: 35 of 100 samples serialize JSON.
    upload(client, 35);

    // The fake derives "Json.serialize over 20% of the samples" from what it stored ...
    fake.deriveRecommendation("checkout", T0, T1, "Json.serialize", 20);

    // ... and the gate, which only calls GetRecommendations, fails the build.
    RecommendationGate gate = new RecommendationGate(client, "checkout", Set.of());
    assertThatThrownBy(() -> gate.enforce(T0, T1))
        .isInstanceOf(NewRecommendationException.class)
        .hasMessage(
            "FAIL: 1 new recommendation for profiling group 'checkout'\n"
                + "  Hot frame: Json.serialize: 35.0% of the samples,"
                + " mostly at main;handle;Json.serialize");
    // end::recommendation-gate[]
  }

  @Test
  void passesWhenTheFrameStaysUnderTheThreshold(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    upload(client, 15);

    assertThat(fake.deriveRecommendation("checkout", T0, T1, "Json.serialize", 20)).isEmpty();

    Verdict verdict = new RecommendationGate(client, "checkout", Set.of()).enforce(T0, T1);
    assertThat(verdict.message())
        .isEqualTo("PASS: no new recommendation for profiling group 'checkout'");
  }

  @Test
  void letsAcceptedRecommendationsPassAndOnlyLooksAtItsWindow(
      FakeCodeGuruProfiler fake, CodeGuruProfilerClient client) {
    Pattern logging =
        Pattern.builder()
            .name("Excessive logging")
            .targetFrame("Logger.log")
            .thresholdPercent(5)
            .build();
    fake.addRecommendation(
        "checkout",
        Recommendation.builder()
            .pattern(logging)
            .startTime(T0)
            .endTime(T1)
            .match(new Match("main;Logger.log", 0, 8))
            .build());
    fake.addRecommendation(
        "checkout",
        Recommendation.builder()
            .pattern(Pattern.hotFrame("Db.query", 30))
            .startTime(T1)
            .endTime(T1.plus(Duration.ofHours(1)))
            .build());

    RecommendationGate gate =
        new RecommendationGate(client, "checkout", Set.of("Excessive logging"));

    assertThat(gate.check(T0, T1).passed()).isTrue();
    assertThat(gate.check(T0, T1.plusSeconds(1)).newRecommendations())
        .containsExactly("Hot frame: Db.query: 0.0% of the samples");
  }
}
