package dev.fakeguru.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.FakeCodeGuruProfiler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  static final Instant T = Instant.parse("2024-01-02T03:00:00Z");

  @Test
  void a_fixed_clock_stands_still_until_moved_and_resets_to_its_start() {
    SettableClock c = SettableClock.at(T);
    assertThat(c.instant()).isEqualTo(T);
    assertThat(c.advance(Duration.ofDays(16))).isEqualTo(T.plus(Duration.ofDays(16)));
    c.set(T.minusSeconds(5));
    assertThat(c.instant()).isEqualTo(T.minusSeconds(5));
    c.reset();
    assertThat(c.instant()).isEqualTo(T);
    assertThat(c.isTicking()).isFalse();
  }

  @Test
  void a_ticking_clock_follows_system_time_shifted_by_moves() throws Exception {
    SettableClock c = SettableClock.ticking();
    Instant before = Instant.now();
    assertThat(c.instant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));

    c.advance(Duration.ofDays(16));
    assertThat(Duration.between(Instant.now(), c.instant()))
        .isBetween(Duration.ofDays(16).minusSeconds(1), Duration.ofDays(16).plusSeconds(1));
    Instant a = c.instant();
    Thread.sleep(20);
    assertThat(c.instant()).isAfter(a); // still ticking

    c.set(T);
    assertThat(c.instant()).isBetween(T, T.plusSeconds(1));
    c.reset();
    assertThat(c.instant()).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(1));
  }

  @Test
  void the_fake_defaults_to_a_ticking_clock() {
    try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().build()) {
      assertThat(fake.clock())
          .isInstanceOfSatisfying(SettableClock.class, c -> assertThat(c.isTicking()).isTrue());
    }
  }
}
