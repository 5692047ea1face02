package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.error.ShouldBeEqualToTree.shouldBeEqualToTree;
import static dev.fakeguru.assertj.error.ShouldHaveCallPath.shouldHaveCallPath;
import static dev.fakeguru.assertj.error.ShouldHaveCallPath.shouldHaveCallPathAnywhere;
import static dev.fakeguru.assertj.error.ShouldHaveCallPath.shouldNotHaveCallPath;
import static dev.fakeguru.assertj.error.ShouldHaveCount.shouldHaveCount;
import static dev.fakeguru.assertj.error.ShouldHaveCounterTypes.shouldHaveCounterTypes;
import static dev.fakeguru.assertj.error.ShouldHaveFrame.shouldHaveFrame;
import static dev.fakeguru.assertj.error.ShouldHaveFrame.shouldHaveFrameLike;
import static dev.fakeguru.assertj.error.ShouldHaveFrame.shouldHaveFrameMatching;
import static dev.fakeguru.assertj.error.ShouldHaveFrame.shouldNotHaveFrame;
import static dev.fakeguru.assertj.error.ShouldHaveHottestFrame.shouldHaveHottestFrame;
import static dev.fakeguru.assertj.error.ShouldHaveMaxDepth.shouldHaveMaxDepth;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldHaveSamples;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldHaveShareAtLeast;
import static dev.fakeguru.assertj.error.ShouldHaveShare.shouldHaveShareAtMost;

import dev.fakeguru.assertj.error.ShouldHaveCount;
import dev.fakeguru.assertj.internal.CallTrees;
import dev.fakeguru.assertj.internal.CallTrees.ChainMatch;
import dev.fakeguru.assertj.internal.MessageText;
import dev.fakeguru.assertj.internal.TreeRenderer;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.AssertionErrorCreator;

/**
 * The assertions shared by {@link AbstractProfileAssert profiles} and {@link
 * AbstractCallTreeNodeAssert call-tree nodes}: both are checked through a call tree whose root is
 * the profile's synthetic root or the node itself. Paths given to these assertions start
 * <em>below</em> that root: for a profile, at a top-level frame; for a node, at one of its
 * children.
 *
 * <p><b>Counts and shares.</b> Counts, shares and hot frames are measured in one counter type:
 * {@link CounterTypes#WALL_TIME}, the Python agent's only counter, unless another one is selected
 * with {@link #usingCounterType(String)}, which applies to every later assertion of the chain. The
 * <em>inclusive total</em> of a frame is the number of samples whose stack contains the frame at
 * least once: the totals of its outermost occurrences summed, so a recursive frame ({@code fib >
 * fib > fib}) is counted once per sample. A <em>share</em> is an inclusive total as a percentage of
 * the whole tree's total of the same counter type.
 *
 * <p><b>Failure messages</b> follow AssertJ's layout and, where the shape of the tree matters, end
 * with the tree rendered with box-drawing characters (children ordered by total descending, at most
 * {@value TreeRenderer#DEFAULT_MAX_DEPTH} levels and {@value TreeRenderer#DEFAULT_MAX_CHILDREN}
 * children per node, hidden parts summarised by {@code …} markers).
 *
 * <p>To write custom assertions, extend {@link AbstractProfileAssert} or {@link
 * AbstractCallTreeNodeAssert}; this class has package-private hooks and is not meant to be extended
 * directly.
 *
 * @param <SELF> the "self" type of this assertion class
 * @param <ACTUAL> the type of the actual value
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class AbstractCallTreeAssert<
        SELF extends AbstractCallTreeAssert<SELF, ACTUAL>, ACTUAL>
    extends AbstractAssert<SELF, ACTUAL> {

  /**
   * The counter type chosen with {@link #usingCounterType(String)}, or {@code null} for the
   * default.
   */
  private String selectedCounterType;

  /**
   * Creates the assertion.
   *
   * @param actual the actual value
   * @param selfType the concrete assertion class
   */
  protected AbstractCallTreeAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * The call tree under test; called after {@code isNotNull()}.
   *
   * @return the profile's synthetic root, or the node itself
   */
  protected abstract CallTreeNode callTree();

  /**
   * The noun used for the actual value in messages.
   *
   * @return e.g. {@code profile} or {@code frame handle}
   */
  protected abstract String subject();

  /**
   * The label of the root line of a rendered tree and the start of navigation descriptions.
   *
   * @return e.g. {@code profile}
   */
  protected abstract String rootLabel();

  /** The tree whose totals shares of navigated nodes are relative to. */
  abstract CallTreeNode referenceRoot();

  /** How messages name the owner of {@link #referenceRoot()}, e.g. {@code profile}. */
  abstract String referenceSubject();

  /** The profile assertion at the top of the navigation, or {@code null}. */
  abstract ProfileAssert profileOrigin();

  // ---------------------------------------------------------------- counter type

  /**
   * Selects the counter type that every later count, share and hot-frame assertion of this chain
   * measures, instead of the default {@link CounterTypes#WALL_TIME} (the Python agent's only
   * counter; JVM agents also send thread states such as {@link CounterTypes#RUNNABLE}). The
   * selection applies to {@link #hasTotalSamples(long)} and {@link
   * AbstractCallTreeNodeAssert#hasSelfSamples(long)}, to the share assertions ({@link
   * #hasFrameShareAtLeast(String, double)}, {@link
   * AbstractCallTreeNodeAssert#hasShareOfTotalAtLeast(double)} and their {@code AtMost} twins), to
   * the hot frames ({@link #hasHottestFrameBySelf(String)}, {@link #hottestFramesBySelf(int)} and
   * their {@code ByTotal} twins), to the regression checks ({@link
   * AbstractProfileAssert#hasFrameShareNotGrownBy(String, double, Profile)}, {@link
   * AbstractProfileAssert#hasSameHotPathsAs(Profile, double)}), and to the counts in the trees that
   * failure messages render; {@link #isEqualToTree(Profile)} and {@link
   * #hasCounterTypes(String...)} always look at every counter type. Failure messages name the
   * counter type they measured.
   *
   * <p>The selection travels with navigation: {@link #frame(String)} and {@link #path(String...)}
   * start with it, and {@link AbstractCallTreeNodeAssert#returnToProfile()} and {@link
   * AbstractCallTreeNodeAssert#returnToParent()} hand the node's selection back to the assertion
   * they return. Calling this method again replaces the selection. A counter type the tree has no
   * counts of is allowed: its counts are 0, and share assertions then fail for want of a total.
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(200, "main", "handle")                       // WALL_TIME
   *     .stack(RUNNABLE, 30, "main", "handle", "queryDb")
   *     .stack(RUNNABLE, 70, "main", "idle")
   *     .build();
   *
   * // assertions will pass
   * assertThat(profile).usingCounterType(RUNNABLE)
   *                    .hasTotalSamples(100)
   *                    .hasFrameShareAtLeast("queryDb", 30.0)
   *                    .hasHottestFrameBySelf("idle")
   *                    .path("main", "handle").hasSelfSamples(0)
   *                    .returnToProfile()
   *                    .usingCounterType(WALL_TIME).hasTotalSamples(200);
   *
   * // assertion will fail: queryDb has 30 of the 100 RUNNABLE samples, and the message says RUNNABLE
   * assertThat(profile).usingCounterType(RUNNABLE).hasFrameShareAtMost("queryDb", 20.0);
   * }</pre>
   *
   * @param counterType the counter type to measure, e.g. {@link CounterTypes#RUNNABLE}
   * @return this assertion object, measuring {@code counterType} from now on
   * @throws IllegalArgumentException if {@code counterType} is {@code null}
   */
  public SELF usingCounterType(String counterType) {
    requireCounterType(counterType);
    selectedCounterType = counterType;
    return myself;
  }

  /**
   * The counter type that counts, shares and hot frames are measured in: the one selected with
   * {@link #usingCounterType(String)}, else {@link CounterTypes#WALL_TIME}. Custom assertions
   * should use it too.
   *
   * @return the counter type, never {@code null}
   */
  protected final String counterType() {
    return selectedCounterType != null ? selectedCounterType : CounterTypes.WALL_TIME;
  }

  /** Gives this assertion the selection of {@code other} (navigation carries it both ways). */
  final void useCounterTypeOf(AbstractCallTreeAssert<?, ?> other) {
    selectedCounterType = other.selectedCounterType;
  }

  // ---------------------------------------------------------------- frames

  /**
   * Verifies that a frame with exactly this name occurs somewhere in the tree.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle").build();
   *
   * // assertion will pass
   * assertThat(profile).hasFrame("handle");
   *
   * // assertion will fail
   * assertThat(profile).hasFrame("queryDb");
   * }</pre>
   *
   * @param frame the exact frame name
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no frame has that name
   * @throws IllegalArgumentException if {@code frame} is {@code null}
   */
  public SELF hasFrame(String frame) {
    isNotNull();
    requireFrame(frame);
    if (callTree().findFrame(frame).isEmpty()) {
      throw assertionError(shouldHaveFrame(subject(), frame, callTree(), displayType()));
    }
    return myself;
  }

  /**
   * Verifies that no frame with exactly this name occurs in the tree.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle").build();
   *
   * // assertion will pass
   * assertThat(profile).doesNotHaveFrame("queryDb");
   *
   * // assertion will fail
   * assertThat(profile).doesNotHaveFrame("handle");
   * }</pre>
   *
   * @param frame the exact frame name
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a frame has that name; the message lists where
   * @throws IllegalArgumentException if {@code frame} is {@code null}
   */
  public SELF doesNotHaveFrame(String frame) {
    isNotNull();
    requireFrame(frame);
    List<LocatedNode> found = callTree().findFrame(frame);
    if (!found.isEmpty()) {
      throw assertionError(shouldNotHaveFrame(subject(), frame, found, displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the whole name of some frame matches a regular expression.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "com.acme.Service.handle").build();
   *
   * // assertion will pass
   * assertThat(profile).hasFrameMatching("com\\.acme\\..*\\.handle");
   *
   * // assertion will fail (the whole name must match)
   * assertThat(profile).hasFrameMatching("Service");
   * }</pre>
   *
   * @param regex a {@link Pattern} matched against whole frame names
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no frame name matches
   * @throws IllegalArgumentException if {@code regex} is {@code null} or not a valid pattern
   */
  public SELF hasFrameMatching(String regex) {
    isNotNull();
    if (regex == null) {
      throw new IllegalArgumentException(
          "The regular expression to match frame names against must not be null.");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "The regular expression '" + regex + "' is not valid: " + e.getDescription() + ".", e);
    }
    if (callTree().find(name -> pattern.matcher(name).matches()).isEmpty()) {
      throw assertionError(shouldHaveFrameMatching(subject(), regex, callTree(), displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the name of some frame matches a glob, in which {@code *} matches any run of
   * characters (dots and colons included) and {@code ?} exactly one character; everything else is
   * literal. Globs fit both Java names ({@code com.acme.Service.handle}) and Python names ({@code
   * polls.views:IndexView:get}).
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(3, "main", "com.acme.Service.handle")
   *     .stack(2, "polls.views:IndexView:get")
   *     .build();
   *
   * // assertions will pass
   * assertThat(profile).hasFrameLike("*Service.handle")
   *                    .hasFrameLike("polls.views:*:get*");
   *
   * // assertion will fail
   * assertThat(profile).hasFrameLike("*Repository.*");
   * }</pre>
   *
   * @param glob the glob, matched against whole frame names
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no frame name matches
   * @throws IllegalArgumentException if {@code glob} is {@code null}
   */
  public SELF hasFrameLike(String glob) {
    isNotNull();
    if (glob == null) {
      throw new IllegalArgumentException("The glob to match frame names against must not be null.");
    }
    Pattern pattern = CallTrees.globPattern(glob);
    if (callTree().find(name -> pattern.matcher(name).matches()).isEmpty()) {
      throw assertionError(shouldHaveFrameLike(subject(), glob, callTree(), displayType()));
    }
    return myself;
  }

  // ---------------------------------------------------------------- call paths

  /**
   * Verifies that the tree contains this path of frames starting at the top (for a profile, at a
   * top-level frame; for a node, at one of its children). The path need not end at a leaf.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).hasCallPath("main", "handle");
   *
   * // assertion will fail: the message shows the deepest matching frame and the tree
   * assertThat(profile).hasCallPath("main", "handle", "render");
   * }</pre>
   *
   * @param frames the frame names, outermost first
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the path does not exist
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  public SELF hasCallPath(String... frames) {
    isNotNull();
    List<String> path = requirePath(frames);
    if (callTree().nodeAt(path).isEmpty()) {
      List<String> prefix = callTree().longestExistingPrefix(path);
      CallTreeNode deepest = callTree().nodeAt(prefix).orElseThrow();
      throw assertionError(
          shouldHaveCallPath(subject(), path, prefix, deepest, callTree(), displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the tree contains this contiguous chain of frames starting at any node: the first
   * frame anywhere, the second one of its children, and so on.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).hasCallPathAnywhere("handle", "queryDb");
   *
   * // assertion will fail: the frames are not contiguous
   * assertThat(profile).hasCallPathAnywhere("main", "queryDb");
   * }</pre>
   *
   * @param frames the frame names, outermost first
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no such chain exists
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  public SELF hasCallPathAnywhere(String... frames) {
    isNotNull();
    List<String> path = requirePath(frames);
    ChainMatch match = CallTrees.longestChain(callTree(), path);
    if (match == null || match.matched() < path.size()) {
      throw assertionError(
          shouldHaveCallPathAnywhere(
              subject(),
              path,
              match == null ? null : match.path(),
              match == null ? null : match.node(),
              callTree(),
              displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the tree does not contain this path of frames starting at the top.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).doesNotHaveCallPath("handle", "queryDb");
   *
   * // assertion will fail
   * assertThat(profile).doesNotHaveCallPath("main", "handle");
   * }</pre>
   *
   * @param frames the frame names, outermost first
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the path exists
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  public SELF doesNotHaveCallPath(String... frames) {
    isNotNull();
    List<String> path = requirePath(frames);
    CallTreeNode found = callTree().nodeAt(path).orElse(null);
    if (found != null) {
      throw assertionError(
          shouldNotHaveCallPath(subject(), path, path, found, false, displayType()));
    }
    return myself;
  }

  /**
   * Verifies that the tree does not contain this contiguous chain of frames anywhere.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).doesNotHaveCallPathAnywhere("queryDb", "handle");
   *
   * // assertion will fail
   * assertThat(profile).doesNotHaveCallPathAnywhere("handle", "queryDb");
   * }</pre>
   *
   * @param frames the frame names, outermost first
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the chain exists; the message shows the first place it does
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  public SELF doesNotHaveCallPathAnywhere(String... frames) {
    isNotNull();
    List<String> path = requirePath(frames);
    ChainMatch match = CallTrees.longestChain(callTree(), path);
    if (match != null && match.matched() == path.size()) {
      throw assertionError(
          shouldNotHaveCallPath(subject(), path, match.path(), match.node(), true, displayType()));
    }
    return myself;
  }

  // ---------------------------------------------------------------- counts and shape

  /**
   * Verifies the total (self plus every descendant) count of the selected counter type ({@link
   * #usingCounterType(String)}; {@link CounterTypes#WALL_TIME}, i.e. the number of samples, by
   * default).
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main").stack(2, "main", "work").stack(RUNNABLE, 4, "main").build();
   *
   * // assertions will pass
   * assertThat(profile).hasTotalSamples(5);
   * assertThat(profile).usingCounterType(RUNNABLE).hasTotalSamples(4);
   *
   * // assertion will fail
   * assertThat(profile).hasTotalSamples(3);
   * }</pre>
   *
   * @param expected the expected total
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the total differs
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasTotalSamples(long expected) {
    isNotNull();
    requireCount(expected);
    CallTreeNode tree = callTree();
    long actualTotal = tree.totalCount(counterType());
    if (actualTotal != expected) {
      throw assertionError(
          shouldHaveCount(
              "total",
              counterType(),
              subject(),
              expected,
              actualTotal,
              ShouldHaveCount.summary(tree.selfCounts(), tree.totalCounts())));
    }
    return myself;
  }

  /**
   * Verifies the number of frames on the longest stack below the root (for a profile, the longest
   * stack; for a node, 0 when it is a leaf).
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).hasMaxDepth(3);
   *
   * // assertion will fail
   * assertThat(profile).hasMaxDepth(2);
   * }</pre>
   *
   * @param expected the expected depth
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the depth differs; the message shows one deepest stack
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasMaxDepth(int expected) {
    return checkDepth(expected, false);
  }

  /**
   * Verifies that no stack below the root has more than {@code max} frames.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).hasMaxDepthAtMost(5);
   *
   * // assertion will fail
   * assertThat(profile).hasMaxDepthAtMost(2);
   * }</pre>
   *
   * @param max the largest allowed depth
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if a stack is deeper; the message shows one deepest stack
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public SELF hasMaxDepthAtMost(int max) {
    return checkDepth(max, true);
  }

  private SELF checkDepth(int expected, boolean atMost) {
    isNotNull();
    if (expected < 0) {
      throw new IllegalArgumentException(
          "The expected depth must not be negative, but was " + expected + ".");
    }
    int depth = callTree().height() - 1;
    if (atMost ? depth > expected : depth != expected) {
      throw assertionError(
          shouldHaveMaxDepth(subject(), atMost, expected, depth, deepestStack(callTree())));
    }
    return myself;
  }

  private static List<String> deepestStack(CallTreeNode root) {
    List<String> path = new ArrayList<>();
    CallTreeNode at = root;
    while (!at.isLeaf()) {
      CallTreeNode next = null;
      for (CallTreeNode c : at.children()) {
        if (next == null || c.height() > next.height()) {
          next = c;
        }
      }
      path.add(next.frame());
      at = next;
    }
    return path;
  }

  /**
   * Verifies that the tree has counts of exactly these counter types (in any order); a counter type
   * whose counts are all 0 still counts as present.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main").stack(RUNNABLE, 2, "main").build();
   *
   * // assertion will pass
   * assertThat(profile).hasCounterTypes(RUNNABLE, WALL_TIME);
   *
   * // assertion will fail
   * assertThat(profile).hasCounterTypes(WALL_TIME);
   * }</pre>
   *
   * @param counterTypes the expected counter types
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the sets differ
   * @throws IllegalArgumentException if {@code counterTypes} is {@code null} or contains {@code
   *     null}
   */
  public SELF hasCounterTypes(String... counterTypes) {
    isNotNull();
    if (counterTypes == null) {
      throw new IllegalArgumentException("The expected counter types must not be null.");
    }
    for (String t : counterTypes) {
      requireCounterType(t);
    }
    Set<String> expected = new LinkedHashSet<>(Arrays.asList(counterTypes));
    Set<String> actualTypes = callTree().counterTypes();
    if (!expected.equals(actualTypes)) {
      throw assertionError(shouldHaveCounterTypes(subject(), expected, actualTypes));
    }
    return myself;
  }

  // ---------------------------------------------------------------- shares and hot frames

  /**
   * Verifies that the samples spent in a frame (its inclusive total over all occurrences, recursion
   * counted once) are at least {@code percent} of the tree's total, both of the selected counter
   * type ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default).
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(70, "main", "idle")
   *     .build();
   *
   * // assertion will pass: handle has 30 of 100 samples
   * assertThat(profile).hasFrameShareAtLeast("handle", 30.0);
   *
   * // assertion will fail
   * assertThat(profile).hasFrameShareAtLeast("handle", 50.0);
   * }</pre>
   *
   * @param frame the frame name
   * @param percent the minimum share, from 0 to 100
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the tree has no samples of the counter type
   * @throws AssertionError if the share is smaller
   * @throws IllegalArgumentException if {@code frame} is {@code null} or {@code percent} is not
   *     within [0, 100]
   */
  public SELF hasFrameShareAtLeast(String frame, double percent) {
    return checkFrameShare(frame, percent, true);
  }

  /**
   * Verifies that the samples spent in a frame (inclusive total over all occurrences, recursion
   * counted once) are at most {@code percent} of the tree's total, both of the selected counter
   * type ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default).
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(70, "main", "idle")
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).hasFrameShareAtMost("queryDb", 30.0);
   *
   * // assertion will fail
   * assertThat(profile).hasFrameShareAtMost("idle", 50.0);
   * }</pre>
   *
   * @param frame the frame name
   * @param percent the maximum share, from 0 to 100
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the tree has no samples of the counter type
   * @throws AssertionError if the share is larger
   * @throws IllegalArgumentException if {@code frame} is {@code null} or {@code percent} is not
   *     within [0, 100]
   */
  public SELF hasFrameShareAtMost(String frame, double percent) {
    return checkFrameShare(frame, percent, false);
  }

  private SELF checkFrameShare(String frame, double percent, boolean atLeast) {
    isNotNull();
    requireFrame(frame);
    requirePercent(percent);
    String counterType = counterType();
    CallTreeNode tree = callTree();
    long whole = tree.totalCount(counterType);
    if (whole == 0) {
      throw assertionError(shouldHaveSamples(subject(), counterType));
    }
    long part = CallTrees.inclusiveTotal(tree, frame, counterType);
    String what = frameDescription(frame, CallTrees.occurrenceCount(tree, frame));
    checkShare(subject(), what, counterType, part, whole, percent, atLeast, tree);
    return myself;
  }

  /** Throws when the share {@code part / whole} is on the wrong side of {@code percent}. */
  final void checkShare(
      String ofSubject,
      String what,
      String counterType,
      long part,
      long whole,
      double percent,
      boolean atLeast,
      CallTreeNode tree) {
    double share = CallTrees.share(part, whole);
    if (atLeast && share < percent) {
      throw assertionError(
          shouldHaveShareAtLeast(ofSubject, what, counterType, part, whole, percent, tree));
    }
    if (!atLeast && share > percent) {
      throw assertionError(
          shouldHaveShareAtMost(ofSubject, what, counterType, part, whole, percent, tree));
    }
  }

  static String frameDescription(String frame, int occurrences) {
    return "frame " + frame + (occurrences > 1 ? " (all " + occurrences + " occurrences)" : "");
  }

  /**
   * Verifies that no frame has a larger self count of the selected counter type ({@link
   * #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default), summed over its
   * occurrences, than {@code frame}; a tie for the top passes.
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(10, "main", "handle")
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).hasHottestFrameBySelf("queryDb");
   *
   * // assertion will fail: the message ranks the frames
   * assertThat(profile).hasHottestFrameBySelf("handle");
   * }</pre>
   *
   * @param frame the frame expected to be the hottest
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if another frame has a larger self count
   * @throws IllegalArgumentException if {@code frame} is {@code null}
   */
  public SELF hasHottestFrameBySelf(String frame) {
    return checkHottest(frame, true);
  }

  /**
   * Verifies that no frame has a larger inclusive total (recursion counted once) of the selected
   * counter type ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default)
   * than {@code frame}; a tie for the top passes. Outer frames such as {@code main} usually win
   * this ranking, so it is most useful on a subtree.
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(10, "main", "render")
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).path("main").hasHottestFrameByTotal("handle");
   *
   * // assertion will fail
   * assertThat(profile).path("main").hasHottestFrameByTotal("render");
   * }</pre>
   *
   * @param frame the frame expected to be the hottest
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if another frame has a larger total
   * @throws IllegalArgumentException if {@code frame} is {@code null}
   */
  public SELF hasHottestFrameByTotal(String frame) {
    return checkHottest(frame, false);
  }

  private SELF checkHottest(String frame, boolean bySelf) {
    isNotNull();
    requireFrame(frame);
    String counterType = counterType();
    List<Map.Entry<String, Long>> ranking = ranking(counterType, bySelf);
    long top = ranking.isEmpty() ? 0 : ranking.get(0).getValue();
    long mine =
        ranking.stream()
            .filter(e -> e.getKey().equals(frame))
            .mapToLong(Map.Entry::getValue)
            .findFirst()
            .orElse(0);
    if (ranking.isEmpty() || mine < top) {
      throw assertionError(
          shouldHaveHottestFrame(
              subject(),
              bySelf ? "self" : "total",
              counterType,
              frame,
              ranking,
              callTree().totalCount(counterType)));
    }
    return myself;
  }

  private List<Map.Entry<String, Long>> ranking(String counterType, boolean bySelf) {
    return CallTrees.ranked(
        bySelf
            ? CallTrees.selfByFrame(callTree(), counterType)
            : CallTrees.totalByFrame(callTree(), counterType));
  }

  /**
   * Navigates to the names of the {@code n} frames with the largest self count of the selected
   * counter type ({@link #usingCounterType(String)}, {@link CounterTypes#WALL_TIME} by default),
   * summed over occurrences, hottest first, ties by name; frames without self samples are left out,
   * so the list may be shorter than {@code n}. The list assertion is described like {@code [profile
   * hottest frames by self WALL_TIME]}.
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(10, "main", "handle")
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).hottestFramesBySelf(2).containsExactly("queryDb", "handle");
   *
   * // assertion will fail
   * assertThat(profile).hottestFramesBySelf(1).containsExactly("handle");
   * }</pre>
   *
   * @param n how many frames at most
   * @return a list assertion over the frame names
   * @throws AssertionError if the actual value is {@code null}
   * @throws IllegalArgumentException if {@code n} is negative
   */
  @CheckReturnValue
  public ListAssert<String> hottestFramesBySelf(int n) {
    return hottestFrames(n, true);
  }

  /**
   * Navigates to the names of the {@code n} frames with the largest inclusive total (recursion
   * counted once) of the selected counter type ({@link #usingCounterType(String)}, {@link
   * CounterTypes#WALL_TIME} by default), hottest first, ties by name. The list assertion is
   * described like {@code [profile hottest frames by total WALL_TIME]}.
   *
   * <pre>{@code
   * Profile profile = Profile.builder()
   *     .stack(30, "main", "handle", "queryDb")
   *     .stack(10, "main", "render")
   *     .build();
   *
   * // assertion will pass
   * assertThat(profile).hottestFramesByTotal(3).containsExactly("main", "handle", "queryDb");
   *
   * // assertion will fail
   * assertThat(profile).hottestFramesByTotal(1).containsExactly("handle");
   * }</pre>
   *
   * @param n how many frames at most
   * @return a list assertion over the frame names
   * @throws AssertionError if the actual value is {@code null}
   * @throws IllegalArgumentException if {@code n} is negative
   */
  @CheckReturnValue
  public ListAssert<String> hottestFramesByTotal(int n) {
    return hottestFrames(n, false);
  }

  private ListAssert<String> hottestFrames(int n, boolean bySelf) {
    isNotNull();
    if (n < 0) {
      throw new IllegalArgumentException(
          "The number of hottest frames must not be negative, but was " + n + ".");
    }
    String counterType = counterType();
    List<String> names =
        ranking(counterType, bySelf).stream().limit(n).map(Map.Entry::getKey).toList();
    return Assertions.assertThat(names)
        .describedAs(
            verbatim(
                rootLabelForNavigation()
                    + " hottest frames by "
                    + (bySelf ? "self " : "total ")
                    + counterType))
        .withRepresentation(info.representation());
  }

  // ---------------------------------------------------------------- tree equality

  /**
   * Verifies that the call tree equals another profile's call tree: the same frames at the same
   * paths with the same self counts of every counter type. Child order, source files and line
   * ranges are ignored, and a count of 0 equals an absent count. On failure the message names the
   * first difference, and both trees are rendered (every counter type, cut after {@value
   * TreeRenderer#CANONICAL_MAX_LINES} lines) and reported as the error's actual and expected
   * values, so IDEs show a side-by-side diff.
   *
   * <pre>{@code
   * Profile expected = Profile.builder().stack(3, "main", "handle").stack(1, "main").build();
   *
   * // assertion will pass
   * assertThat(Profile.builder().stack(1, "main").stack(3, "main", "handle").build()).isEqualToTree(expected);
   *
   * // assertion will fail
   * assertThat(Profile.builder().stack(3, "main", "handle").build()).isEqualToTree(expected);
   * }</pre>
   *
   * @param expected the profile whose call tree is expected
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the trees differ
   * @throws IllegalArgumentException if {@code expected} is {@code null}
   */
  public SELF isEqualToTree(Profile expected) {
    if (expected == null) {
      throw new IllegalArgumentException("The expected profile must not be null.");
    }
    return isEqualToTree(expected.callTree());
  }

  /**
   * Verifies that the call tree equals {@code expected}, a tree whose root stands for this tree's
   * root (its own frame name is ignored); see {@link #isEqualToTree(Profile)}.
   *
   * <pre>{@code
   * CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
   * root.addStack(WALL_TIME, 3, List.of("main", "handle"));
   *
   * // assertion will pass
   * assertThat(Profile.builder().stack(3, "main", "handle").build()).isEqualToTree(root.build());
   *
   * // assertion will fail
   * assertThat(Profile.builder().stack(4, "main", "handle").build()).isEqualToTree(root.build());
   * }</pre>
   *
   * @param expected the expected tree
   * @return this assertion object
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the trees differ
   * @throws IllegalArgumentException if {@code expected} is {@code null}
   */
  public SELF isEqualToTree(CallTreeNode expected) {
    isNotNull();
    if (expected == null) {
      throw new IllegalArgumentException("The expected call tree must not be null.");
    }
    CallTrees.TreeDifference difference = CallTrees.firstDifference(callTree(), expected);
    if (difference != null) {
      TreeRenderer canonical = TreeRenderer.allCounters();
      String label = rootLabel();
      String renderedActual = canonical.render(callTree(), label);
      String renderedExpected = canonical.render(expected, label);
      if (info.overridingErrorMessage() != null) {
        throw failureWithActualExpected(renderedActual, renderedExpected, "");
      }
      // Not failureWithActualExpected: it formats the finished message once more without arguments,
      // which would turn a frame named "50%n" into a line break.
      String message =
          shouldBeEqualToTree(
                  renderedActual,
                  renderedExpected,
                  difference.path(),
                  difference.actual(),
                  difference.expected())
              .create(info.description(), info.representation());
      throw new AssertionErrorCreator()
          .assertionError(message, renderedActual, renderedExpected, info.representation());
    }
    return myself;
  }

  // ---------------------------------------------------------------- navigation

  /**
   * Navigates to the first occurrence (in depth-first walk order) of the frame with exactly this
   * name. The returned assertion is described by the path to that occurrence, e.g. {@code [profile
   * > main > handle]}, and measures the counter type selected here ({@link
   * #usingCounterType(String)}). Counts, children and depth assertions then apply to that node;
   * {@link AbstractCallTreeNodeAssert#hasShareOfTotalAtLeast(double) share assertions} measure the
   * frame over <em>all</em> its occurrences below this tree's root (recursion counted once),
   * relative to the whole profile's total.
   *
   * <p>In soft assertions (AssertJ 3.x), a failed navigation returns {@code null}; use {@code
   * softly.check(() -> assertThat(profile).frame("x").hasSelfSamples(3))}.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(30, "main", "handle", "queryDb").stack(70, "main").build();
   *
   * // assertion will pass
   * assertThat(profile).frame("handle").hasShareOfTotalAtLeast(30.0).hasChildren("queryDb");
   *
   * // assertion will fail: there is no such frame
   * assertThat(profile).frame("render");
   * }</pre>
   *
   * @param frame the exact frame name
   * @return an assertion over the first occurrence
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if no frame has that name
   * @throws IllegalArgumentException if {@code frame} is {@code null}
   */
  @CheckReturnValue
  public CallTreeNodeAssert frame(String frame) {
    isNotNull();
    requireFrame(frame);
    List<LocatedNode> found = callTree().findFrame(frame);
    if (found.isEmpty()) {
      throw assertionError(shouldHaveFrame(subject(), frame, callTree(), displayType()));
    }
    LocatedNode first = found.get(0);
    Navigation nav =
        new Navigation(
            this,
            profileOrigin(),
            referenceRoot(),
            referenceSubject(),
            callTree(),
            frame,
            frameDescription(frame, found.size()));
    String description =
        rootLabelForNavigation()
            + " > "
            + first.pathString()
            + (found.size() > 1 ? " (first of " + found.size() + " occurrences)" : "");
    return navigated(new CallTreeNodeAssert(first.node(), nav), description);
  }

  /**
   * Navigates to the node at this path from the top (for a profile, starting at a top-level frame).
   * The returned assertion is described like {@code [profile > main > handle]} and measures the
   * counter type selected here ({@link #usingCounterType(String)}).
   *
   * <p>In soft assertions (AssertJ 3.x), a failed navigation returns {@code null}; use {@code
   * softly.check(...)}.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(30, "main", "handle", "queryDb").build();
   *
   * // assertion will pass
   * assertThat(profile).path("main", "handle").hasSelfSamples(0).hasTotalSamples(30);
   *
   * // assertion will fail: the message shows the deepest matching frame and the tree
   * assertThat(profile).path("main", "render");
   * }</pre>
   *
   * @param frames the frame names, outermost first
   * @return an assertion over the node at the end of the path
   * @throws AssertionError if the actual value is {@code null}
   * @throws AssertionError if the path does not exist
   * @throws IllegalArgumentException if {@code frames} is {@code null}, empty or contains {@code
   *     null}
   */
  @CheckReturnValue
  public CallTreeNodeAssert path(String... frames) {
    hasCallPath(frames);
    List<String> path = List.of(frames);
    CallTreeNode node = callTree().nodeAt(path).orElseThrow();
    Navigation nav =
        new Navigation(
            this,
            profileOrigin(),
            referenceRoot(),
            referenceSubject(),
            null,
            null,
            "call path " + MessageText.path(path));
    return navigated(
        new CallTreeNodeAssert(node, nav),
        rootLabelForNavigation() + " > " + MessageText.path(path));
  }

  /**
   * Navigates to the direct children (for a profile, the top-level frames), in the order the agent
   * sent them.
   *
   * <pre>{@code
   * Profile profile = Profile.builder().stack(3, "main", "handle").stack(1, "main", "render").build();
   *
   * // assertion will pass
   * assertThat(profile).path("main").children().extracting(CallTreeNode::frame).containsExactly("handle", "render");
   *
   * // assertion will fail
   * assertThat(profile).children().hasSize(2);
   * }</pre>
   *
   * @return a list assertion over the children
   * @throws AssertionError if the actual value is {@code null}
   */
  @CheckReturnValue
  public ListAssert<CallTreeNode> children() {
    isNotNull();
    return Assertions.assertThat(callTree().children())
        .describedAs(verbatim(rootLabelForNavigation() + " children"))
        .withRepresentation(info.representation());
  }

  // ---------------------------------------------------------------- helpers

  /** A node assertion reached from this one: described, and measuring this one's counter type. */
  private CallTreeNodeAssert navigated(CallTreeNodeAssert child, String description) {
    child.useCounterTypeOf(this);
    return child.describedAs(verbatim(description));
  }

  /**
   * A description shown exactly as given: AssertJ would otherwise interpret {@code %} in frame
   * names.
   */
  static TextDescription verbatim(String text) {
    return new TextDescription("%s", text);
  }

  /** The description text, or the root label when there is none. */
  final String rootLabelForNavigation() {
    String d = descriptionText();
    return d == null || d.isEmpty() ? rootLabel() : d;
  }

  /**
   * The counter type of the trees rendered in messages of assertions that measure nothing: the
   * selected one, else {@link CounterTypes#WALL_TIME} if the tree has it, else its first counter
   * type.
   */
  final String displayType() {
    return selectedCounterType != null
        ? selectedCounterType
        : MessageText.displayCounterType(callTree());
  }

  static void requireFrame(String frame) {
    if (frame == null) {
      throw new IllegalArgumentException("The frame name must not be null.");
    }
  }

  static void requireCounterType(String counterType) {
    if (counterType == null) {
      throw new IllegalArgumentException(
          "The counter type must not be null; use CounterTypes.WALL_TIME for samples.");
    }
  }

  static void requireCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "The expected count must not be negative, but was " + count + ".");
    }
  }

  static void requirePercent(double percent) {
    if (!(percent >= 0.0 && percent <= 100.0)) {
      throw new IllegalArgumentException(
          "The percentage must be between 0 and 100, but was " + percent + ".");
    }
  }

  static List<String> requirePath(String... frames) {
    if (frames == null || frames.length == 0) {
      throw new IllegalArgumentException("The call path must have at least one frame.");
    }
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] == null) {
        throw new IllegalArgumentException(
            "The call path must not contain null, but frame " + (i + 1) + " was null.");
      }
    }
    return List.of(frames);
  }

  static <T> T requireNonNullArgument(T value, String sentence) {
    if (value == null) {
      throw new IllegalArgumentException(sentence);
    }
    return Objects.requireNonNull(value);
  }
}
