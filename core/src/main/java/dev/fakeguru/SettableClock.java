package dev.fakeguru;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests can set and advance, so that aggregation buckets, retention and
 * timestamps can be driven without waiting. Always in UTC.
 *
 * <p>Thread-safe: reads and moves are atomic, so a test thread may advance the clock while server
 * threads read it.
 *
 * <pre>{@code
 * SettableClock clock = SettableClock.at(Instant.parse("2024-01-02T03:00:00Z"));
 * try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().clock(clock).start()) {
 *   clock.advance(Duration.ofDays(16)); // five-minute buckets are now past their retention
 * }
 * }</pre>
 */
public final class SettableClock extends Clock {
  private final Instant initial;
  private final AtomicReference<Instant> now;

  private SettableClock(Instant initial) {
    this.initial = initial;
    this.now = new AtomicReference<>(initial);
  }

  /** A clock that stands at {@code instant} until moved. */
  public static SettableClock at(Instant instant) {
    return new SettableClock(Objects.requireNonNull(instant, "instant"));
  }

  /** A clock that stands at the current system time, truncated to milliseconds, until moved. */
  public static SettableClock atSystemTime() {
    return at(Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  /** Moves the clock forward (or backward, for a negative duration) and returns the new time. */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** Puts the clock back to the instant it was created with. */
  public void reset() {
    now.set(initial);
  }

  /** The instant the clock was created with. */
  public Instant initialInstant() {
    return initial;
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Always this clock: a settable clock is UTC only. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "SettableClock[" + instant() + "]";
  }
}
