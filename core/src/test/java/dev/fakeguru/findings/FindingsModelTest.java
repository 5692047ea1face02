package dev.fakeguru.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings values: what their builders require, and what they compute. */
class FindingsModelTest {
  static final Instant T0 = Instant.parse("2024-01-02T03:00:00Z");

  static Pattern pattern() {
    return Pattern.builder()
        .name("p")
        .targetFrame("a")
        .targetFrame("b", "c")
        .thresholdPercent(5)
        .build();
  }

  @Test
  void a_recommendation_computes_the_api_members_from_its_matches() {
    Recommendation r =
        Recommendation.builder()
            .pattern(pattern())
            .startTime(T0.plusNanos(1_234_567))
            .endTime(T0.plusSeconds(60))
            .match(new Match("x;a", 0, 10))
            .match(new Match("y;b;c", 1, 30))
            .match(new Match("z;a", 0, 10))
            .build();

    assertThat(r.allMatchesCount()).isEqualTo(3);
    assertThat(r.allMatchesSum()).isEqualTo(50.0);
    assertThat(r.topMatches())
        .extracting(Match::frameAddress)
        .containsExactly("y;b;c", "x;a", "z;a");
    assertThat(r.matches()).extracting(Match::frameAddress).containsExactly("x;a", "y;b;c", "z;a");
    assertThat(r.startTime()).as("kept to the millisecond").isEqualTo(T0.plusMillis(1));
  }

  @Test
  void builders_say_what_is_missing_or_wrong() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Pattern.builder().targetFrame("a").thresholdPercent(1).build())
        .withMessage("name is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Pattern.builder().name("p").thresholdPercent(1).build())
        .withMessage("targetFrames must hold at least one target frame");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Pattern.builder().thresholdPercent(100.5))
        .withMessage("thresholdPercent must be a percentage from 0 to 100, but was 100.5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Pattern.builder().targetFrame(List.of()))
        .withMessage("a target frame needs at least one frame name");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> Recommendation.builder().pattern(pattern()).startTime(T0).endTime(T0).build())
        .withMessageStartingWith("startTime must be before endTime");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Recommendation.builder()
                    .pattern(pattern())
                    .startTime(T0)
                    .endTime(T0.plusSeconds(1))
                    .match(new Match("a", 2, 1))
                    .build())
        .withMessageContaining("names target frame 2, but the pattern has 2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Match("a", -1, 1))
        .withMessage("targetFramesIndex must not be negative, but was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnomalyInstance.builder().id("0B6C1F0E-3A4B-4C8E-9D3F-2F1E0C9A7B11"))
        .withMessageContaining("id must be a lower-case UUID");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> AnomalyInstance.builder().startTime(T0).endTime(T0.minusSeconds(1)).build())
        .withMessageStartingWith("startTime must be before endTime");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> AnomalyInstance.builder().startTime(Instant.parse("+10000-01-01T00:00:00Z")))
        .withMessageContaining("startTime must lie in the years 0001 to 9999");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Anomaly.builder().metric(Metric.of("f")).reason("r").build())
        .withMessage("an anomaly needs at least one instance");
    AnomalyInstance twice = AnomalyInstance.builder().startTime(T0).build();
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Anomaly.builder()
                    .metric(Metric.of("f"))
                    .reason("r")
                    .instance(twice)
                    .instance(twice)
                    .build())
        .withMessage("two instances have the id " + twice.id());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Metric("f", "Other", List.of()))
        .withMessage("type must be AggregatedRelativeTotalTime, but was Other");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FeedbackType.fromWireName("positive"))
        .withMessage("A feedback type is Positive or Negative, but was 'positive'");
  }

  @Test
  void an_instance_gets_a_random_lower_case_uuid_and_keeps_its_feedback() {
    AnomalyInstance i = AnomalyInstance.builder().startTime(T0).build();

    assertThat(i.id()).matches("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
    assertThat(i.endTime()).isEmpty();
    assertThat(i.userFeedback()).isEmpty();
    assertThat(i.withUserFeedback(FeedbackType.POSITIVE).userFeedback())
        .hasValue(FeedbackType.POSITIVE);
    assertThat(i.withUserFeedback(FeedbackType.POSITIVE).id()).isEqualTo(i.id());
  }

  @Test
  void the_hot_frame_pattern_says_what_it_looks_for() {
    Pattern p = Pattern.hotFrame("Json.serialize", 12.50);

    assertThat(p.name()).isEqualTo("Hot frame: Json.serialize");
    assertThat(p.description())
        .hasValue("Json.serialize is on the stack of at least 12.5% of the samples.");
    assertThat(p.resolutionSteps()).isPresent();
    assertThat(p.targetFrames()).containsExactly(List.of("Json.serialize"));
    assertThat(p.thresholdPercent()).isEqualTo(12.5);
    assertThat(p.countersToAggregate()).isEmpty();
  }
}
