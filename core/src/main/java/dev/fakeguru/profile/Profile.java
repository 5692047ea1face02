package dev.fakeguru.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A CodeGuru profile: the time span it covers, the agent's metadata, and the call tree. The same
 * type describes what an agent posts (PostAgentProfile) and what the fake serves back aggregated
 * (GetProfile).
 *
 * <p>The call tree's root is a synthetic node named {@link CallTreeNode#ROOT_FRAME} whose children
 * are the outermost frames; paths given to {@link #nodeAt(String...)} and friends start below it.
 * Top-level fields other than {@code start}, {@code end}, {@code agentMetadata} and {@code
 * callgraph} (for example the Python agent's {@code debugInfo}) are kept in {@link #otherFields()}
 * so that nothing is lost.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Profile profile = Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
 *     .stack(30, "main", "handle", "queryDb")
 *     .stack(10, "main", "handle")
 *     .build();
 * profile.nodeAt("main", "handle").orElseThrow().totalCount(CounterTypes.WALL_TIME); // 40
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Profile {
  private final Instant start;
  private final Instant end;
  private final AgentMetadata agentMetadata;
  private final CallTreeNode callTree;
  private final Map<String, Object> otherFields;

  private Profile(Builder b) {
    this.start = Objects.requireNonNull(b.start, "start");
    this.end = Objects.requireNonNull(b.end, "end");
    this.agentMetadata = b.agentMetadata;
    this.callTree = b.callTree != null ? b.callTree : b.root.build();
    this.otherFields = b.otherFields.isEmpty() ? Map.of() : AgentMetadata.of(b.otherFields).asMap();
  }

  /**
   * A builder for a profile covering {@code start} to {@code end}, whose stacks count {@link
   * CounterTypes#WALL_TIME} unless told otherwise. The range is required because the fake files a
   * profile under the buckets containing its start: a profile without a meaningful one would be
   * stored where no GetProfile for "now" looks.
   *
   * @param start the start of the profile
   * @param end the end of the profile, not before {@code start}
   * @return the builder
   * @throws IllegalArgumentException if {@code end} is before {@code start}
   */
  public static Builder builder(Instant start, Instant end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "end (" + end + ") must not be before start (" + start + ")");
    }
    return new Builder(start, end);
  }

  /** The start of the profile (the agent's {@code start}, epoch milliseconds on the wire). */
  public Instant start() {
    return start;
  }

  /** The end of the profile (the agent's {@code end}). */
  public Instant end() {
    return end;
  }

  /** The agent's metadata, possibly empty. */
  public AgentMetadata agentMetadata() {
    return agentMetadata;
  }

  /** The root of the call tree (named {@link CallTreeNode#ROOT_FRAME}). */
  public CallTreeNode callTree() {
    return callTree;
  }

  /** Top-level fields this model has no member for, such as {@code debugInfo}. Read-only. */
  public Map<String, Object> otherFields() {
    return otherFields;
  }

  /** The outermost frames (the root's children). */
  public List<CallTreeNode> topFrames() {
    return callTree.children();
  }

  /** Every counter type present in the tree. */
  public Set<String> counterTypes() {
    return callTree.counterTypes();
  }

  /** The sum of all samples of one counter type. */
  public long totalCount(String counterType) {
    return callTree.totalCount(counterType);
  }

  /** The sum of all samples, per counter type. */
  public Map<String, Long> totalCounts() {
    return callTree.totalCounts();
  }

  /** The number of frames on the longest stack; 0 for an empty profile. */
  public int maxDepth() {
    return callTree.height() - 1;
  }

  /** The node at a path of frame names from the top, e.g. {@code nodeAt("main", "handle")}. */
  public Optional<CallTreeNode> nodeAt(String... path) {
    return callTree.nodeAt(path);
  }

  /** The node at a path of frame names from the top. */
  public Optional<CallTreeNode> nodeAt(List<String> path) {
    return callTree.nodeAt(path);
  }

  /** Every occurrence of frames whose name satisfies the predicate, with their paths. */
  public List<LocatedNode> find(Predicate<String> framePredicate) {
    return callTree.find(framePredicate);
  }

  /** Every occurrence of the frame with exactly this name, with their paths. */
  public List<LocatedNode> findFrame(String frameName) {
    return callTree.findFrame(frameName);
  }

  /** Every frame, depth first, with its path. */
  public Iterable<LocatedNode> walk() {
    return callTree.walk();
  }

  /**
   * This profile and {@code other} aggregated: the span from the earlier start to the later end,
   * the call trees merged by frame-name path (counts summed), and the metadata of this profile with
   * {@code durationInMs} and {@code numTimesSampled} summed.
   *
   * @throws ArithmeticException if a summed count overflows a {@code long}
   */
  public Profile merge(Profile other) {
    return toBuilder()
        .start(start.isBefore(other.start) ? start : other.start)
        .end(end.isAfter(other.end) ? end : other.end)
        .agentMetadata(agentMetadata.mergedWith(other.agentMetadata))
        .callTree(callTree.merge(other.callTree))
        .build();
  }

  /**
   * A copy that keeps frames down to depth {@code maxDepth} (a top-level frame has depth 1); the
   * counts of removed frames are folded into their deepest kept ancestor, so totals are preserved.
   *
   * @throws IllegalArgumentException if {@code maxDepth} is negative
   */
  public Profile truncate(int maxDepth) {
    CallTreeNode truncated = callTree.truncateBelow(maxDepth);
    return truncated == callTree ? this : toBuilder().callTree(truncated).build();
  }

  /** A builder holding this profile's values. */
  public Builder toBuilder() {
    Builder b = new Builder(start, end).agentMetadata(agentMetadata).callTree(callTree);
    b.otherFields.putAll(otherFields);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Profile p
        && p.start.equals(start)
        && p.end.equals(end)
        && p.agentMetadata.equals(agentMetadata)
        && p.otherFields.equals(otherFields)
        && p.callTree.equals(callTree);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, end, agentMetadata, callTree);
  }

  /**
   * One compact line, e.g. {@code Profile[2024-01-02T03:00:00Z .. 2024-01-02T03:05:00Z, 2 frames,
   * depth 2, total {WALL_TIME=30}]}. Frames are counted without the synthetic root, like {@link
   * #maxDepth()}.
   */
  @Override
  public String toString() {
    long frames = callTree.size() - 1;
    Map<String, Long> totals = totalCounts();
    return "Profile["
        + start
        + " .. "
        + end
        + ", "
        + frames
        + (frames == 1 ? " frame" : " frames")
        + ", depth "
        + maxDepth()
        + ", total "
        + (totals.isEmpty() ? "0" : totals.toString())
        + "]";
  }

  /**
   * Builds profiles, mostly for tests: one line per stack.
   *
   * <p>Not thread-safe.
   *
   * <pre>{@code
   * Profile p = Profile.builder(Instant.parse("2024-01-02T03:00:00Z"), Instant.parse("2024-01-02T03:05:00Z"))
   *     .stack(3, "main", "work")                         // WALL_TIME
   *     .stack(CounterTypes.RUNNABLE, 2, "main", "work")   // another counter
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private static final Set<String> RESERVED_FIELDS =
        Set.of("start", "end", "agentMetadata", "callgraph");

    private Instant start;
    private Instant end;
    private AgentMetadata agentMetadata = AgentMetadata.empty();
    private CallTreeNode callTree;
    private CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    private final Map<String, Object> otherFields = new LinkedHashMap<>();

    private Builder(Instant start, Instant end) {
      this.start = start;
      this.end = end;
    }

    /** Replaces the start (the builder does not check it against the end). */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** Replaces the end (the builder does not check it against the start). */
    public Builder end(Instant end) {
      this.end = Objects.requireNonNull(end, "end");
      return this;
    }

    /** Sets the agent metadata. */
    public Builder agentMetadata(AgentMetadata agentMetadata) {
      this.agentMetadata = Objects.requireNonNull(agentMetadata, "agentMetadata");
      return this;
    }

    /** Sets the agent metadata from a JSON-like map (see {@link AgentMetadata#of(Map)}). */
    public Builder agentMetadata(Map<String, ?> agentMetadata) {
      return agentMetadata(AgentMetadata.of(agentMetadata));
    }

    /**
     * Keeps an extra top-level field (a JSON-like value), e.g. {@code debugInfo}.
     *
     * @throws IllegalArgumentException if {@code name} is one the model has a member for ({@code
     *     start}, {@code end}, {@code agentMetadata}, {@code callgraph}): it would be written twice
     */
    public Builder otherField(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (RESERVED_FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "'" + name + "' is not an other field: set it with its own builder method");
      }
      otherFields.put(name, value);
      return this;
    }

    /** Replaces the whole call tree (and any stacks added so far) with {@code root}. */
    public Builder callTree(CallTreeNode root) {
      this.callTree = Objects.requireNonNull(root, "root");
      this.root = null;
      return this;
    }

    /**
     * Adds {@code count} {@link CounterTypes#WALL_TIME} samples for a stack, outermost frame first.
     */
    public Builder stack(long count, String... frames) {
      return stack(CounterTypes.WALL_TIME, count, frames);
    }

    /** Adds {@code count} samples of {@code counterType} for a stack, outermost frame first. */
    public Builder stack(String counterType, long count, String... frames) {
      return stack(counterType, count, List.of(frames));
    }

    /** Adds {@code count} samples of {@code counterType} for a stack, outermost frame first. */
    public Builder stack(String counterType, long count, List<String> frames) {
      editableRoot().addStack(counterType, count, frames);
      return this;
    }

    /**
     * The mutable root, for setting files and lines on frames: {@code
     * root().child("main").file(..)}.
     */
    public CallTreeNode.Builder root() {
      return editableRoot();
    }

    private CallTreeNode.Builder editableRoot() {
      if (root == null) {
        root = callTree.toBuilder();
        callTree = null;
      }
      return root;
    }

    /** The profile. */
    public Profile build() {
      return new Profile(this);
    }
  }
}
