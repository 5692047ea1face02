package dev.fakeguru.samples;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;

/**
 * A CI performance gate: fetches the aggregated profile of a baseline window and of a current
 * window (GetProfile, {@code Accept: application/json}), and fails when one frame's share of the
 * samples grew by more than a threshold, in percentage points.
 *
 * <p>A frame's share is the number of samples whose stack contains the frame, counted once per
 * stack even when the frame recurses, divided by all samples of the profile. Example: {@code
 * queryDb} in 20 of 100 samples at baseline and in 35 of 100 now has grown by 15 points.
 *
 * <p>It uses the SDK client as given (SDK retries included). Stateless and thread-safe.
 */
public final class RegressionGate {

  /**
   * The gate's decision.
   *
   * @param passed whether the share grew by no more than the threshold
   * @param frame the watched frame
   * @param baselineShare its share at baseline, in percent
   * @param currentShare its share now, in percent
   * @param growthInPoints {@code currentShare - baselineShare}
   * @param message a one-line explanation, suitable for a CI log
   */
  public record Verdict(
      boolean passed,
      String frame,
      double baselineShare,
      double currentShare,
      double growthInPoints,
      String message) {}

  /** Thrown by {@link #enforce} when the gate fails. */
  public static final class RegressionException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Verdict verdict;

    RegressionException(Verdict verdict) {
      super(verdict.message());
      this.verdict = verdict;
    }

    /** The failing verdict. */
    public Verdict verdict() {
      return verdict;
    }
  }

  private final CodeGuruProfilerClient client;
  private final String profilingGroup;
  private final String frame;
  private final double maxGrowthInPoints;
  private final String counterType;
  private final ProfileCodec codec = ProfileCodec.defaults();

  /** A gate on {@code frame}'s WALL_TIME share in {@code profilingGroup}. */
  public RegressionGate(
      CodeGuruProfilerClient client,
      String profilingGroup,
      String frame,
      double maxGrowthInPoints) {
    this(client, profilingGroup, frame, maxGrowthInPoints, CounterTypes.WALL_TIME);
  }

  /** A gate on {@code frame}'s share of {@code counterType} samples in {@code profilingGroup}. */
  public RegressionGate(
      CodeGuruProfilerClient client,
      String profilingGroup,
      String frame,
      double maxGrowthInPoints,
      String counterType) {
    this.client = Objects.requireNonNull(client, "client");
    this.profilingGroup = Objects.requireNonNull(profilingGroup, "profilingGroup");
    this.frame = Objects.requireNonNull(frame, "frame");
    if (!(maxGrowthInPoints >= 0 && maxGrowthInPoints <= 100)) {
      throw new IllegalArgumentException(
          "maxGrowthInPoints must be in [0, 100], but was " + maxGrowthInPoints);
    }
    this.maxGrowthInPoints = maxGrowthInPoints;
    this.counterType = Objects.requireNonNull(counterType, "counterType");
  }

  /** Compares {@code [currentStart, currentEnd)} with {@code [baselineStart, baselineEnd)}. */
  public Verdict check(
      Instant baselineStart, Instant baselineEnd, Instant currentStart, Instant currentEnd) {
    Profile baseline = fetch(baselineStart, baselineEnd);
    Profile current = fetch(currentStart, currentEnd);
    double before = share(baseline);
    double now = share(current);
    double growth = now - before;
    boolean passed = growth <= maxGrowthInPoints;
    String message =
        String.format(
            Locale.ROOT,
            "%s: share of '%s' %.1f%% -> %.1f%% (%+.1f pp, allowed +%.1f pp) in profiling group '%s'",
            passed ? "PASS" : "FAIL",
            frame,
            before,
            now,
            growth,
            maxGrowthInPoints,
            profilingGroup);
    return new Verdict(passed, frame, before, now, growth, message);
  }

  /**
   * Like {@link #check}, but throws when the gate fails.
   *
   * @throws RegressionException carrying the verdict
   */
  public Verdict enforce(
      Instant baselineStart, Instant baselineEnd, Instant currentStart, Instant currentEnd) {
    Verdict verdict = check(baselineStart, baselineEnd, currentStart, currentEnd);
    if (!verdict.passed()) {
      throw new RegressionException(verdict);
    }
    return verdict;
  }

  private Profile fetch(Instant start, Instant end) {
    GetProfileResponse response =
        client.getProfile(
            r ->
                r.profilingGroupName(profilingGroup)
                    .startTime(start)
                    .endTime(end)
                    .accept("application/json"));
    // The Java SDK inflates a gzip body but still reports Content-Encoding: gzip, so the encoding
    // is
    // not passed on: the codec recognises gzip by its magic bytes anyway.
    return codec.decode(response.profile().asByteArray(), response.contentType(), null);
  }

  /**
   * The watched frame's share of all samples in {@code profile}, in percent (0 for an empty
   * profile).
   */
  double share(Profile profile) {
    long all = profile.totalCount(counterType);
    if (all == 0) {
      return 0.0;
    }
    return 100.0 * samplesContaining(profile.callTree()) / all;
  }

  /**
   * Samples whose stack contains the frame: totals of its outermost occurrences, so recursion
   * counts once.
   */
  private long samplesContaining(CallTreeNode node) {
    long sum = 0;
    for (CallTreeNode child : node.children()) {
      sum += child.frame().equals(frame) ? child.totalCount(counterType) : samplesContaining(child);
    }
    return sum;
  }
}
