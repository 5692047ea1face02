package dev.fakeguru.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * A UTC {@link Clock} that tests can set and advance, so that aggregation buckets, retention and
 * timestamps can be driven without waiting. Two kinds:
 *
 * <ul>
 *   <li>{@link #at(Instant)}: stands still at an instant until moved. Best for exact assertions.
 *   <li>{@link #ticking()}: follows the system clock plus an offset that {@link #advance} and
 *       {@link #set} change. The fake's default, so that an agent posting real timestamps and a
 *       test moving time both behave naturally. {@link #ticking(Clock)} follows another clock.
 * </ul>
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
@API(status = API.Status.STABLE, since = "0.1")
public final class SettableClock extends Clock {
  private final Clock base;

  /**
   * For a fixed clock: the instant; for a ticking one: the offset from the base, as an instant from
   * the epoch.
   */
  private final Instant initial;

  private final AtomicReference<Instant> value;

  private SettableClock(Clock base, Instant initial) {
    this.base = base;
    this.initial = initial;
    this.value = new AtomicReference<>(initial);
  }

  /** A clock that stands at {@code instant} until moved. */
  public static SettableClock at(Instant instant) {
    return new SettableClock(null, Objects.requireNonNull(instant, "instant"));
  }

  /** A clock that stands at the current system time, truncated to milliseconds, until moved. */
  public static SettableClock atSystemTime() {
    return at(Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  /**
   * A clock that follows the system clock, shifted by what {@link #advance} and {@link #set} add.
   */
  public static SettableClock ticking() {
    return ticking(Clock.systemUTC());
  }

  /**
   * A clock that follows {@code base}, shifted by what {@link #advance} and {@link #set} add: what
   * {@link #ticking()} does with the system clock, for a base a test drives itself.
   *
   * <pre>{@code
   * SettableClock system = SettableClock.at(Instant.parse("2024-01-02T03:00:00Z"));
   * SettableClock clock = SettableClock.ticking(system);
   * clock.advance(Duration.ofDays(1));
   * system.advance(Duration.ofSeconds(5)); // the base moves on, and the clock with it
   * clock.instant(); // 2024-01-03T03:00:05Z
   * }</pre>
   *
   * @param base the clock to follow
   * @return a ticking clock over {@code base}
   */
  public static SettableClock ticking(Clock base) {
    return new SettableClock(Objects.requireNonNull(base, "base"), Instant.EPOCH);
  }

  /** Whether this clock follows a base clock (the system clock unless given). */
  public boolean isTicking() {
    return base != null;
  }

  /** Moves the clock forward (or backward, for a negative duration) and returns the new time. */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    value.updateAndGet(t -> t.plus(by));
    return instant();
  }

  /** Sets the clock to {@code instant} (a ticking clock goes on ticking from there). */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    if (base == null) {
      value.set(instant);
    } else {
      Duration offset = Duration.between(base.instant(), instant);
      value.set(Instant.EPOCH.plus(offset));
    }
  }

  /** Puts the clock back: to its initial instant, or for a ticking clock to its base's time. */
  public void reset() {
    value.set(initial);
  }

  /** The instant a fixed clock was created with; for a ticking clock, its base's time now. */
  public Instant initialInstant() {
    return base == null ? initial : base.instant();
  }

  @Override
  public Instant instant() {
    Instant v = value.get();
    return base == null ? v : base.instant().plus(Duration.between(Instant.EPOCH, v));
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
    return "SettableClock[" + instant() + (base == null ? "" : ", ticking") + "]";
  }
}
