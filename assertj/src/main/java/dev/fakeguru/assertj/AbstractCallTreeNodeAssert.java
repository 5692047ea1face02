package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.error.ShouldHaveChildren.shouldBeLeaf;
import static dev.fakeguru.assertj.error.ShouldHaveChildren.shouldHaveChildren;
import static dev.fakeguru.assertj.error.ShouldHaveCount.shouldHaveCount;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldHaveSamples;

import dev.fakeguru.assertj.error.ShouldHaveCount;
import dev.fakeguru.assertj.internal.CallTrees;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Assertions over one {@link CallTreeNode}: its own counts and children, its share of the profile
 * it was navigated from, and everything {@link AbstractCallTreeAssert} checks on its subtree (paths
 * given to those start at the node's children).
 *
 * <p>A node assertion reached by {@link AbstractCallTreeAssert#frame(String) frame(name)} or {@link
 * AbstractCallTreeAssert#path(String...) path(...)} remembers where it came from: {@link
 * #returnToParent()} and {@link #returnToProfile()} lead back, and shares are relative to the
 * profile's total. A node asserted on its own ({@code assertThat(node)}) is its own reference. The
 * counter type selected with {@link #usingCounterType(String)} travels along the navigation both
 * ways.
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractCallTreeNodeAssert<
        SELF extends AbstractCallTreeNodeAssert<SELF, ACTUAL>, ACTUAL extends CallTreeNode>
    extends AbstractCallTreeAssert<SELF, ACTUAL> {

  private final Navigation navigation;

  /**
   * Creates the assertion.
   *
   * @param actual the node under test
   * @param selfType the concrete assertion class
   */
  protected AbstractCallTreeNodeAssert(ACTUAL actual, Class<?> selfType) {
    this(actual, selfType, null);
  }

  AbstractCallTreeNodeAssert(ACTUAL actual, Class<?> selfType, Navigation navigation) {
    super(actual, selfType);
    this.navigation = navigation;
  }

  @Override
  protected CallTreeNode callTree() {
    return actual;
  }

  /**
   * {@code frame <name>}, or {@code call tree} for a synthetic root ({@link
   * CallTreeNode#ROOT_FRAME}).
   */
  @Override
  protected String subject() {
    return CallTreeNode.ROOT_FRAME.equals(actual.frame()) ? "call tree" : "frame " + actual.frame();
  }

  @Override
  protected String rootLabel() {
    return actual == null ? "node" : actual.frame();
  }

  @Override
  CallTreeNode referenceRoot() {
    return navigation != null ? navigation.referenceRoot : actual;
  }

  @Override
  String referenceSubject() {
    return navigation != null ? navigation.referenceSubject : subject();
  }

  @Override
  ProfileAssert profileOrigin() {
    return navigation != null ? navigation.profile : null;
  }

  // ---------------------------------------------------------------- counts

  /**
   * Verifies the node's self count (samples whose stack ended at this node) of the selected counter
   * type ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default).
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end).stack(3, "main", "handle").stack(1, "main").stack(RUNNABLE, 2, "main").build();
   *
   * // assertions will pass
   * assertThat(profile).path("main").hasSelfSamples(1);
   * assertThat(profile).path("main").usingCounterType(RUNNABLE).hasSelfSamples(2);
   *
   * // assertion will fail
   * assertThat(profile).path("main").hasSelfSamples(4);
   * }</pre>
   *
   * @param expected the expected self count
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the self count differs
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasSelfSamples(long expected) {
    isNotNull();
    requireCount(expected);
    long self = actual.selfCount(counterType());
    if (self != expected) {
      throw assertionError(
          shouldHaveCount(
              "self",
              counterType(),
              actual.frame(),
              expected,
              self,
              ShouldHaveCount.summary(actual.selfCounts(), actual.totalCounts())));
    }
    return myself;
  }

  // ---------------------------------------------------------------- children

  /**
   * Verifies that the node has no children.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end).stack(3, "main", "handle").build();
   *
   * // assertion will pass
   * assertThat(profile).path("main", "handle").isLeaf();
   *
   * // assertion will fail
   * assertThat(profile).path("main").isLeaf();
   * }</pre>
   *
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the node has children
   */
  public SELF isLeaf() {
    isNotNull();
    if (!actual.isLeaf()) {
      throw assertionError(shouldBeLeaf(actual.frame(), actual, displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the node's children are exactly the frames with these names, in any order.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end).stack(3, "main", "handle").stack(1, "main", "render").build();
   *
   * // assertion will pass
   * assertThat(profile).path("main").hasChildren("render", "handle");
   *
   * // assertion will fail
   * assertThat(profile).path("main").hasChildren("handle");
   * }</pre>
   *
   * @param frames the expected child frame names
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a child is missing or unexpected
   * @throws IllegalArgumentException if {@code frames} is {@code null} or contains {@code null}
   */
  public SELF hasChildren(String... frames) {
    return checkChildren(frames, true);
  }

  /**
   * Verifies that the node has children with these names, and possibly others.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end).stack(3, "main", "handle").stack(1, "main", "render").build();
   *
   * // assertion will pass
   * assertThat(profile).path("main").hasChildrenContaining("handle");
   *
   * // assertion will fail
   * assertThat(profile).path("main").hasChildrenContaining("queryDb");
   * }</pre>
   *
   * @param frames the child frame names expected among the children
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a child is missing
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  public SELF hasChildrenContaining(String... frames) {
    if (frames != null && frames.length == 0) {
      throw new IllegalArgumentException(
          "At least one child frame name must be given; use isLeaf() to check for none.");
    }
    return checkChildren(frames, false);
  }

  private SELF checkChildren(String[] frames, boolean exactly) {
    isNotNull();
    if (frames == null) {
      throw new IllegalArgumentException("The expected child frame names must not be null.");
    }
    for (String f : frames) {
      requireFrame(f);
    }
    Set<String> actualNames = new LinkedHashSet<>();
    actual.children().forEach(c -> actualNames.add(c.frame()));
    List<String> missing = new ArrayList<>();
    for (String f : new LinkedHashSet<>(List.of(frames))) {
      if (!actualNames.contains(f)) {
        missing.add(f);
      }
    }
    List<String> unexpected = new ArrayList<>();
    if (exactly) {
      Set<String> expected = Set.of(new LinkedHashSet<>(List.of(frames)).toArray(String[]::new));
      for (String a : actualNames) {
        if (!expected.contains(a)) {
          unexpected.add(a);
        }
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw assertionError(
          shouldHaveChildren(
              actual.frame(),
              actual,
              List.of(frames),
              exactly,
              missing,
              unexpected,
              displayType()));
    }
    return myself;
  }

  // ---------------------------------------------------------------- shares

  /**
   * Verifies that this node accounts for at least {@code percent} of the total of the profile it
   * was navigated from (of itself when asserted on its own), both of the selected counter type
   * ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default). When reached by
   * {@link AbstractCallTreeAssert#frame(String) frame(name)}, the frame's samples are counted over
   * <em>all</em> its occurrences below the node the navigation started from, each sample once even
   * when the frame is recursive; when reached by {@link AbstractCallTreeAssert#path(String...)
   * path(...)}, only this node's total counts.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end)
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(10, "main", "render", "handle")
   *     .stack(60, "main")
   *     .build();
   *
   * // assertion will pass: handle has 30 + 10 of 100 samples
   * assertThat(profile).frame("handle").hasShareOfTotalAtLeast(40.0);
   *
   * // assertion will fail: this path has only 30 of 100 samples
   * assertThat(profile).path("main", "handle").hasShareOfTotalAtLeast(40.0);
   * }</pre>
   *
   * @param percent the minimum share, from 0 to 100
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the reference total is 0
   * @throws AssertionError if the share is smaller
   * @throws IllegalArgumentException if {@code percent} is not within [0, 100]
   */
  public SELF hasShareOfTotalAtLeast(double percent) {
    return checkOwnShare(percent, true);
  }

  /**
   * Verifies that this node accounts for at most {@code percent} of the total of the profile it was
   * navigated from, both of the selected counter type ({@link #usingCounterType(String)}, {@link
   * CounterTypes#WALL_TIME} by default); what is counted is described in {@link
   * #hasShareOfTotalAtLeast(double)}.
   *
   * <pre>{@code
   * Profile profile = Profile.builder(start, end).stack(30, "main", "handle").stack(70, "main").build();
   *
   * // assertion will pass
   * assertThat(profile).frame("handle").hasShareOfTotalAtMost(30.0);
   *
   * // assertion will fail
   * assertThat(profile).frame("handle").hasShareOfTotalAtMost(10.0);
   * }</pre>
   *
   * @param percent the maximum share, from 0 to 100
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the reference total is 0
   * @throws AssertionError if the share is larger
   * @throws IllegalArgumentException if {@code percent} is not within [0, 100]
   */
  public SELF hasShareOfTotalAtMost(double percent) {
    return checkOwnShare(percent, false);
  }

  private SELF checkOwnShare(double percent, boolean atLeast) {
    isNotNull();
    requirePercent(percent);
    String counterType = counterType();
    CallTreeNode reference = referenceRoot();
    long whole = reference.totalCount(counterType);
    if (whole == 0) {
      throw assertionError(shouldHaveSamples(referenceSubject(), counterType));
    }
    long part;
    String what;
    if (navigation != null && navigation.aggregatedFrame != null) {
      part = CallTrees.inclusiveTotal(navigation.scope, navigation.aggregatedFrame, counterType);
      what = navigation.what;
    } else {
      part = actual.totalCount(counterType);
      what = navigation != null ? navigation.what : "frame " + actual.frame();
    }
    checkShare(referenceSubject(), what, counterType, part, whole, percent, atLeast, reference);
    return myself;
  }

  // ---------------------------------------------------------------- navigation back

  /**
   * Returns to the profile assertion this node was navigated from (through any number of {@code
   * frame}/{@code path} steps), which from now on measures the counter type selected here ({@link
   * #usingCounterType(String)}).
   *
   * <pre>{@code
   * assertThat(profile).path("main", "handle").hasSelfSamples(10)
   *                    .returnToProfile()
   *                    .hasTotalSamples(100);
   * }</pre>
   *
   * @return the profile assertion
   * @throws IllegalStateException if this node was not navigated to from a profile
   */
  public ProfileAssert returnToProfile() {
    if (navigation == null || navigation.profile == null) {
      throw new IllegalStateException(
          "This node assertion was not reached from a profile assertion, so there is no profile to return to.");
    }
    navigation.profile.useCounterTypeOf(this);
    return navigation.profile;
  }

  /**
   * Returns to the assertion this node was navigated from: a profile assertion or another node
   * assertion, which from now on measures the counter type selected here ({@link
   * #usingCounterType(String)}).
   *
   * <pre>{@code
   * assertThat(profile).path("main").path("handle").isLeaf()
   *                    .returnToParent()
   *                    .hasFrame("handle");
   * }</pre>
   *
   * @return the assertion this one was navigated from
   * @throws IllegalStateException if this node assertion was created directly with {@code
   *     assertThat(node)}
   */
  public AbstractCallTreeAssert<?, ?> returnToParent() {
    if (navigation == null) {
      throw new IllegalStateException(
          "This node assertion was created with assertThat(node), not by navigation, so there is no parent to return to.");
    }
    navigation.parent.useCounterTypeOf(this);
    return navigation.parent;
  }
}
