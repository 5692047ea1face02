package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.error.ShouldHaveSameHotPaths.shouldHaveSameHotPaths;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldHaveSamples;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldNotHaveGrownBy;
import static dev.fakeguru.assertj.error.ShouldHaveTimeRange.shouldEndAt;
import static dev.fakeguru.assertj.error.ShouldHaveTimeRange.shouldHaveTimeRange;
import static dev.fakeguru.assertj.error.ShouldHaveTimeRange.shouldStartAt;

import dev.fakeguru.assertj.internal.CallTrees;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Profile;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Assertions over a {@link Profile}: its time span, and everything {@link AbstractCallTreeAssert}
 * checks on its call tree, plus comparisons with a baseline profile for regression gates.
 *
 * <pre>{@code
 * assertThat(profile)
 *     .usingCounterType(CounterTypes.RUNNABLE)      // optional; WALL_TIME by default
 *     .hasCallPath("main", "handle", "queryDb")
 *     .hasFrameShareAtMost("queryDb", 40.0)
 *     .hasFrameShareNotGrownBy("queryDb", 5.0, baseline)
 *     .frame("handle").hasShareOfTotalAtLeast(30.0);
 * }</pre>
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractProfileAssert<
        SELF extends AbstractProfileAssert<SELF, ACTUAL>, ACTUAL extends Profile>
    extends AbstractCallTreeAssert<SELF, ACTUAL> {

  /**
   * Creates the assertion.
   *
   * @param actual the profile under test
   * @param selfType the concrete assertion class
   */
  protected AbstractProfileAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  @Override
  protected CallTreeNode callTree() {
    return actual.callTree();
  }

  @Override
  protected String subject() {
    return "profile";
  }

  @Override
  protected String rootLabel() {
    return "profile";
  }

  @Override
  CallTreeNode referenceRoot() {
    return actual.callTree();
  }

  @Override
  String referenceSubject() {
    return "profile";
  }

  @Override
  ProfileAssert profileOrigin() {
    return this instanceof ProfileAssert p
        ? p
        : new ProfileAssert(actual).describedAs(verbatim(rootLabelForNavigation()));
  }

  // ---------------------------------------------------------------- time span

  /**
   * Verifies the profile's start and end.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).hasTimeRange(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"));
   *
   * // assertion will fail
   * assertThat(profile).hasTimeRange(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:04:00Z"));
   * }</pre>
   *
   * @param start the expected start
   * @param end the expected end
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the start or end differs
   * @throws IllegalArgumentException if an argument is {@code null}
   */
  public SELF hasTimeRange(Instant start, Instant end) {
    isNotNull();
    requireNonNullArgument(start, "The expected start must not be null.");
    requireNonNullArgument(end, "The expected end must not be null.");
    if (!actual.start().equals(start) || !actual.end().equals(end)) {
      throw assertionError(shouldHaveTimeRange(start, end, actual.start(), actual.end()));
    }
    return myself;
  }

  /**
   * Verifies the profile's start.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z")).build();
   *
   * // assertion will pass
   * assertThat(profile).startsAt(Instant.parse("2024-01-02T03:00:00Z"));
   *
   * // assertion will fail
   * assertThat(profile).startsAt(Instant.parse("2024-01-02T03:01:00Z"));
   * }</pre>
   *
   * @param start the expected start
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the start differs
   * @throws IllegalArgumentException if {@code start} is {@code null}
   */
  public SELF startsAt(Instant start) {
    isNotNull();
    requireNonNullArgument(start, "The expected start must not be null.");
    if (!actual.start().equals(start)) {
      throw assertionError(shouldStartAt(start, actual.start()));
    }
    return myself;
  }

  /**
   * Verifies the profile's end.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z")).build();
   *
   * // assertion will pass
   * assertThat(profile).endsAt(Instant.parse("2024-01-02T03:05:00Z"));
   *
   * // assertion will fail
   * assertThat(profile).endsAt(Instant.parse("2024-01-02T03:04:00Z"));
   * }</pre>
   *
   * @param end the expected end
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the end differs
   * @throws IllegalArgumentException if {@code end} is {@code null}
   */
  public SELF endsAt(Instant end) {
    isNotNull();
    requireNonNullArgument(end, "The expected end must not be null.");
    if (!actual.end().equals(end)) {
      throw assertionError(shouldEndAt(end, actual.end()));
    }
    return myself;
  }

  // ---------------------------------------------------------------- regression gates

  /**
   * Verifies that the share of the selected counter type ({@link #usingCounterType(String)}, {@link
   * CounterTypes#WALL_TIME} by default) spent in {@code frame} (its inclusive total, recursion
   * counted once) has not grown by more than {@code percentagePoints} compared with {@code
   * baseline}. A frame absent from a profile has a share of 0 there.
   *
   * <pre>{@code
   * Profile baseline = Profile.builder(start, end).stack(20, "main", "queryDb").stack(80, "main").build();
   * Profile current = Profile.builder(start, end).stack(30, "main", "queryDb").stack(70, "main").build();
   *
   * // assertion will pass: 20.0% -> 30.0% is +10.0 pp
   * assertThat(current).hasFrameShareNotGrownBy("queryDb", 10.0, baseline);
   *
   * // assertion will fail
   * assertThat(current).hasFrameShareNotGrownBy("queryDb", 5.0, baseline);
   * }</pre>
   *
   * @param frame the frame name
   * @param percentagePoints the allowed growth in percentage points, from 0 to 100
   * @param baseline the profile to compare with
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the actual profile has no samples of the counter type
   * @throws AssertionError if the share grew by more than {@code percentagePoints}
   * @throws IllegalArgumentException if an argument is {@code null}, {@code percentagePoints} is
   *     not within [0, 100], or the baseline has no samples of the counter type
   */
  public SELF hasFrameShareNotGrownBy(String frame, double percentagePoints, Profile baseline) {
    isNotNull();
    requireFrame(frame);
    requirePercent(percentagePoints);
    requireNonNullArgument(baseline, "The baseline profile must not be null.");
    String counterType = counterType();
    long baselineWhole = baseline.totalCount(counterType);
    if (baselineWhole == 0) {
      throw new IllegalArgumentException(
          "The baseline profile has no "
              + counterType
              + " samples, so shares cannot be compared with it.");
    }
    long whole = actual.totalCount(counterType);
    if (whole == 0) {
      throw assertionError(shouldHaveSamples(subject(), counterType));
    }
    long part = CallTrees.inclusiveTotal(actual.callTree(), frame, counterType);
    long baselinePart = CallTrees.inclusiveTotal(baseline.callTree(), frame, counterType);
    double growth = CallTrees.share(part, whole) - CallTrees.share(baselinePart, baselineWhole);
    if (growth > percentagePoints) {
      throw assertionError(
          withFlameGraphs(
              shouldNotHaveGrownBy(
                  frame, counterType, part, whole, baselinePart, baselineWhole, percentagePoints),
              "hasFrameShareNotGrownBy",
              baseline));
    }
    return myself;
  }

  /**
   * Verifies that both profiles have the same <em>hot paths</em> of the selected counter type
   * ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default). A hot path is a
   * path from a top-level frame down to any node (not only a leaf) whose total is at least {@code
   * thresholdPercent} of its profile's total. As totals only shrink going down, the hot paths form
   * the "hot part" of each tree, and this assertion checks that both trees have the same one.
   *
   * <pre>{@code
   * Profile before = Profile.builder(start, end).stack(60, "main", "handle").stack(40, "main", "render").build();
   * Profile after = Profile.builder(start, end).stack(55, "main", "handle").stack(45, "main", "render").build();
   *
   * // assertion will pass: main, main > handle and main > render are hot in both
   * assertThat(after).hasSameHotPathsAs(before, 20.0);
   *
   * // assertion will fail: main > render is hot (45.0%) only in "after"
   * assertThat(after).hasSameHotPathsAs(before, 42.0);
   * }</pre>
   *
   * @param other the profile to compare with
   * @param thresholdPercent the share from which a path is hot, above 0 and at most 100
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a path is hot in one profile only
   * @throws IllegalArgumentException if {@code other} is {@code null} or {@code thresholdPercent}
   *     is not within (0, 100]
   */
  public SELF hasSameHotPathsAs(Profile other, double thresholdPercent) {
    isNotNull();
    requireNonNullArgument(other, "The profile to compare with must not be null.");
    if (!(thresholdPercent > 0.0 && thresholdPercent <= 100.0)) {
      throw new IllegalArgumentException(
          "The hot-path threshold must be above 0 and at most 100 percent, but was "
              + thresholdPercent
              + ".");
    }
    String counterType = counterType();
    Set<List<String>> mine =
        CallTrees.hotPaths(actual.callTree(), counterType, thresholdPercent).keySet();
    Set<List<String>> theirs =
        CallTrees.hotPaths(other.callTree(), counterType, thresholdPercent).keySet();
    Set<List<String>> onlyMine = new LinkedHashSet<>(mine);
    onlyMine.removeAll(theirs);
    Set<List<String>> onlyTheirs = new LinkedHashSet<>(theirs);
    onlyTheirs.removeAll(mine);
    if (!onlyMine.isEmpty() || !onlyTheirs.isEmpty()) {
      throw assertionError(
          withFlameGraphs(
              shouldHaveSameHotPaths(
                  thresholdPercent,
                  counterType,
                  onlyMine,
                  onlyTheirs,
                  actual.callTree(),
                  other.callTree()),
              "hasSameHotPathsAs",
              other));
    }
    return myself;
  }
}
