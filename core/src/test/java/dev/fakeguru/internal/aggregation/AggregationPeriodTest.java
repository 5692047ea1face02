package dev.fakeguru.internal.aggregation;

import static dev.fakeguru.internal.aggregation.AggregationPeriod.P1D;
import static dev.fakeguru.internal.aggregation.AggregationPeriod.PT1H;
import static dev.fakeguru.internal.aggregation.AggregationPeriod.PT5M;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AggregationPeriodTest {

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void durations_and_retentions() {
    assertThat(PT5M.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(PT1H.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(P1D.duration()).isEqualTo(Duration.ofDays(1));
    assertThat(PT5M.retention()).isEqualTo(Duration.ofDays(15));
    assertThat(PT1H.retention()).isEqualTo(Duration.ofDays(60));
    assertThat(P1D.retention()).isEqualTo(Duration.ofDays(3 * 365));
  }

  @Test
  void bucket_start_is_the_utc_floor() {
    Instant x = t("2024-03-10T13:47:59.999999999Z");
    assertThat(PT5M.bucketStart(x)).isEqualTo(t("2024-03-10T13:45:00Z"));
    assertThat(PT1H.bucketStart(x)).isEqualTo(t("2024-03-10T13:00:00Z"));
    assertThat(P1D.bucketStart(x)).isEqualTo(t("2024-03-10T00:00:00Z"));
  }

  @Test
  void aligned_instants_are_their_own_bucket_start() {
    assertThat(PT5M.bucketStart(t("2024-03-10T13:45:00Z"))).isEqualTo(t("2024-03-10T13:45:00Z"));
    assertThat(PT1H.bucketStart(t("2024-03-10T13:00:00Z"))).isEqualTo(t("2024-03-10T13:00:00Z"));
    assertThat(P1D.bucketStart(t("2024-03-10T00:00:00Z"))).isEqualTo(t("2024-03-10T00:00:00Z"));
    assertThat(PT5M.bucketStart(t("2024-03-10T13:44:59.999Z")))
        .isEqualTo(t("2024-03-10T13:40:00Z"));
  }

  @Test
  void bucket_start_before_the_epoch_floors_downwards() {
    assertThat(PT5M.bucketStart(t("1969-12-31T23:58:30Z"))).isEqualTo(t("1969-12-31T23:55:00Z"));
    assertThat(P1D.bucketStart(t("1969-12-31T23:58:30Z"))).isEqualTo(t("1969-12-31T00:00:00Z"));
  }

  @Test
  void from_wire_accepts_exactly_the_wire_names() {
    assertThat(AggregationPeriod.fromWire("PT5M")).contains(PT5M);
    assertThat(AggregationPeriod.fromWire("PT1H")).contains(PT1H);
    assertThat(AggregationPeriod.fromWire("P1D")).contains(P1D);
    assertThat(AggregationPeriod.fromWire("pt5m")).isEmpty();
    assertThat(AggregationPeriod.fromWire("PT60M")).isEmpty();
    assertThat(AggregationPeriod.fromWire("FIVE_MINUTES")).isEmpty();
    assertThat(AggregationPeriod.fromWire("")).isEmpty();
    assertThat(AggregationPeriod.fromWire(null)).isEmpty();
  }
}
