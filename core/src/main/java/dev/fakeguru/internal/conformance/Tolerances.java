package dev.fakeguru.internal.conformance;

import java.time.Duration;

/**
 * The numbers behind the rules' tolerances, in one place; {@code ConformanceRule} states them in
 * words with their sources. Internal.
 */
final class Tolerances {
  /** Share of the period an interval may deviate ("about every periodInSeconds"). */
  static final double PERIOD_SHARE = 0.25;

  /** The least deviation allowed from a period, however short the period. */
  static final Duration PERIOD_FLOOR = Duration.ofSeconds(2);

  /** How much sooner than the minimum reporting time two posts may arrive. */
  static final Duration MINIMUM_REPORTING_SLACK = Duration.ofSeconds(1);

  /** How far a profile's end may lie after its post's arrival. */
  static final Duration FUTURE_END = Duration.ofSeconds(1);

  /** Share of the time since the previous post a profile's duration may deviate. */
  static final double DURATION_SHARE = 0.25;

  /** The least deviation allowed for a profile's duration. */
  static final Duration DURATION_FLOOR = Duration.ofSeconds(2);

  /** Fewest and most samples, as shares of durationInMs / SamplingIntervalInMilliseconds. */
  static final double FEWEST_SAMPLES = 0.5;

  static final double MOST_SAMPLES = 1.1;

  /** Samples allowed beyond the shares (one sample more or less at either end). */
  static final long SAMPLE_SLACK = 1;

  /** The least gap between two attempts of one call. */
  static final Duration MINIMUM_RETRY_GAP = Duration.ofMillis(10);

  /** Shorter gaps tolerated per window (full-jitter backoff draws one now and then). */
  static final int SHORT_GAPS_TOLERATED = 1;

  /** Evidence kept per verdict (the summary counts them all). */
  static final int EVIDENCE_SHOWN = 20;

  private Tolerances() {}

  /** The leeway around a period: {@code max(period * share, floor)}. */
  static Duration periodSlack(Duration period) {
    return max(scale(period, PERIOD_SHARE), PERIOD_FLOOR);
  }

  /** The leeway around a profile's expected duration. */
  static Duration durationSlack(Duration expected) {
    return max(scale(expected, DURATION_SHARE), DURATION_FLOOR);
  }

  static Duration scale(Duration d, double share) {
    return Duration.ofNanos(Math.round(d.toNanos() * share));
  }

  static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
