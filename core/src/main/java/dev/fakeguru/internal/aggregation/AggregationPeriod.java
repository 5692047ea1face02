package dev.fakeguru.internal.aggregation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The periods of the aggregated profiles CodeGuru keeps (the {@code AggregationPeriod} of the API),
 * with their retention. Buckets are aligned to UTC: {@code :00, :05, ...} for {@link #PT5M}, the
 * top of the hour for {@link #PT1H} and {@code 00:00Z} for {@link #P1D}.
 *
 * <p>Internal, not API.
 */
public enum AggregationPeriod {
  /** Five minutes, retained 15 days. */
  PT5M(Duration.ofMinutes(5), Duration.ofDays(15)),
  /** One hour, retained 60 days. */
  PT1H(Duration.ofHours(1), Duration.ofDays(60)),
  /** One day, retained 3 years (counted as 3 × 365 days). */
  P1D(Duration.ofDays(1), Duration.ofDays(3 * 365));

  private final Duration duration;
  private final Duration retention;
  private final long seconds;

  AggregationPeriod(Duration duration, Duration retention) {
    this.duration = duration;
    this.retention = retention;
    this.seconds = duration.getSeconds();
  }

  /** The length of one bucket. */
  public Duration duration() {
    return duration;
  }

  /** How long a bucket is kept, measured from its start. */
  public Duration retention() {
    return retention;
  }

  /** The start of the UTC-aligned bucket containing {@code t} (the floor of {@code t}). */
  public Instant bucketStart(Instant t) {
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
  }

  /** The period exactly {@code d} long, if any. */
  public static Optional<AggregationPeriod> ofDuration(Duration d) {
    for (AggregationPeriod p : values()) {
      if (p.duration().equals(d)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The period whose wire name ({@code PT5M}, {@code PT1H}, {@code P1D}) is exactly {@code s};
   * empty for anything else, including {@code null} and other spellings of the same duration.
   */
  public static Optional<AggregationPeriod> fromWire(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (AggregationPeriod p : values()) {
      if (p.name().equals(s)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The end (exclusive) of the bucket starting at {@code bucketStart}. */
  Instant bucketEnd(Instant bucketStart) {
    return bucketStart.plus(duration);
  }

  /** Whether the bucket starting at {@code bucketStart} is still retained at {@code now}. */
  boolean isRetained(Instant bucketStart, Instant now) {
    return bucketStart.plus(retention).isAfter(now);
  }

  /** The next finer period, or {@code null} for {@link #PT5M}. */
  AggregationPeriod finer() {
    return switch (this) {
      case P1D -> PT1H;
      case PT1H -> PT5M;
      case PT5M -> null;
    };
  }
}
