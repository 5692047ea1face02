package dev.fakeguru.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Both kinds of clock, driven deterministically: a ticking clock follows a base the test moves (a
 * fixed {@link SettableClock}), never the real system clock.
 */
class SettableClockTest {
  static final Instant T = Instant.parse("2024-01-02T03:00:00Z");

  @Test
  void a_fixed_clock_stands_still_until_moved() {
    SettableClock c = SettableClock.at(T);
    assertThat(c.instant()).isEqualTo(T);
    assertThat(c.instant()).isEqualTo(T);
    assertThat(c.isTicking()).isFalse();
  }

  @Test
  void advance_moves_a_fixed_clock_either_way_and_returns_the_new_time() {
    SettableClock c = SettableClock.at(T);
    assertThat(c.advance(Duration.ofDays(16))).isEqualTo(T.plus(Duration.ofDays(16)));
    assertThat(c.advance(Duration.ofDays(-17))).isEqualTo(T.minus(Duration.ofDays(1)));
    assertThat(c.instant()).isEqualTo(T.minus(Duration.ofDays(1)));
  }

  @Test
  void set_then_reset_puts_a_fixed_clock_back_to_its_start() {
    SettableClock c = SettableClock.at(T);
    c.set(T.minusSeconds(5));
    assertThat(c.instant()).isEqualTo(T.minusSeconds(5));
    assertThat(c.initialInstant()).isEqualTo(T);
    c.reset();
    assertThat(c.instant()).isEqualTo(T);
  }

  @Test
  void a_ticking_clock_follows_its_base() {
    SettableClock base = SettableClock.at(T);
    SettableClock c = SettableClock.ticking(base);
    assertThat(c.isTicking()).isTrue();
    assertThat(c.instant()).isEqualTo(T);
    base.advance(Duration.ofMillis(20));
    assertThat(c.instant()).isEqualTo(T.plusMillis(20));
  }

  @Test
  void advance_shifts_a_ticking_clock_which_goes_on_ticking() {
    SettableClock base = SettableClock.at(T);
    SettableClock c = SettableClock.ticking(base);
    assertThat(c.advance(Duration.ofDays(16))).isEqualTo(T.plus(Duration.ofDays(16)));
    base.advance(Duration.ofSeconds(3));
    assertThat(c.instant()).isEqualTo(T.plus(Duration.ofDays(16)).plusSeconds(3));
  }

  @Test
  void set_puts_a_ticking_clock_at_an_instant_from_which_it_goes_on_ticking() {
    SettableClock base = SettableClock.at(T);
    SettableClock c = SettableClock.ticking(base);
    Instant target = Instant.parse("2030-06-01T00:00:00Z");
    c.set(target);
    assertThat(c.instant()).isEqualTo(target);
    base.advance(Duration.ofMinutes(2));
    assertThat(c.instant()).isEqualTo(target.plus(Duration.ofMinutes(2)));
  }

  @Test
  void reset_puts_a_ticking_clock_back_on_its_base() {
    SettableClock base = SettableClock.at(T);
    SettableClock c = SettableClock.ticking(base);
    c.advance(Duration.ofDays(3));
    base.advance(Duration.ofSeconds(7));
    c.reset();
    assertThat(c.instant()).isEqualTo(T.plusSeconds(7));
    assertThat(c.initialInstant()).isEqualTo(T.plusSeconds(7));
  }

  @Test
  void at_system_time_stands_at_the_system_time_of_its_creation_in_milliseconds() {
    long before = System.currentTimeMillis();
    SettableClock c = SettableClock.atSystemTime();
    long after = System.currentTimeMillis();

    assertThat(c.isTicking()).isFalse();
    assertThat(c.instant().toEpochMilli()).isBetween(before, after);
    assertThat(c.instant().getNano() % 1_000_000).isZero();
    Instant created = c.instant();
    assertThat(c.advance(Duration.ofSeconds(1))).isEqualTo(created.plusSeconds(1));
    c.reset();
    assertThat(c.instant()).isEqualTo(created);
  }

  @Test
  void ticking_without_a_base_follows_the_system_clock() {
    long before = System.currentTimeMillis();
    SettableClock c = SettableClock.ticking();
    Instant read = c.instant();
    long after = System.currentTimeMillis();

    assertThat(c.isTicking()).isTrue();
    assertThat(read.toEpochMilli()).isBetween(before, after);
  }

  @Test
  void a_settable_clock_is_utc_whatever_zone_is_asked_for() {
    SettableClock c = SettableClock.at(T);
    assertThat(c.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(c.withZone(ZoneId.of("Asia/Tokyo"))).isSameAs(c);
  }

  @Test
  void to_string_shows_the_time_and_whether_it_ticks() {
    assertThat(SettableClock.at(T)).hasToString("SettableClock[2024-01-02T03:00:00Z]");
    assertThat(SettableClock.ticking(SettableClock.at(T)))
        .hasToString("SettableClock[2024-01-02T03:00:00Z, ticking]");
  }

  @Test
  void null_arguments_are_refused_with_their_name() {
    SettableClock c = SettableClock.at(T);
    assertThatNullPointerException()
        .isThrownBy(() -> SettableClock.at(null))
        .withMessage("instant");
    assertThatNullPointerException()
        .isThrownBy(() -> SettableClock.ticking(null))
        .withMessage("base");
    assertThatNullPointerException().isThrownBy(() -> c.advance(null)).withMessage("by");
    assertThatNullPointerException().isThrownBy(() -> c.set(null)).withMessage("instant");
  }

  @Test
  void the_fake_defaults_to_a_ticking_clock() {
    try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().build()) {
      assertThat(fake.clock())
          .isInstanceOfSatisfying(SettableClock.class, c -> assertThat(c.isTicking()).isTrue());
    }
  }
}
