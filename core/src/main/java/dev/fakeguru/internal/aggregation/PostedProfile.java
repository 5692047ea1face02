package dev.fakeguru.internal.aggregation;

import dev.fakeguru.internal.TimestampRange;
import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.profile.AgentMetadata;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One profile on its way into the aggregation: its start, end, metadata and call tree. The call
 * tree is held only until the profile has been added; the 5-minute bucket that keeps the profile
 * reads it again from its source (the posted bytes, which the journal keeps anyway) when a read
 * needs it. This keeps the store's memory close to the raw bytes.
 *
 * <p>Not thread-safe until added; after that, {@link #readTree()} may be called from any thread.
 */
public final class PostedProfile {
  private final Instant start;
  private final Instant end;
  private final AgentMetadata metadata;
  private final Supplier<PostTree> source;
  private final long nodes;
  private final long keptCharge;
  private PostTree tree;
  private Map<String, Long> totals;

  /**
   * The rate at which a 5-minute bucket that keeps posts as sent is charged their bytes, so that
   * one budget of nodes bounds both: what an aggregated node took until issue 21 (200 to 216 bytes,
   * {@code RetainedBytesPerFrame} in benchmarks); a node now takes 25 to 110, its frame name
   * included (about 16 more per further counter type), and the kept bytes are the journal's,
   * bounded by {@code maxRecordedBytes}.
   */
  static final long BYTES_PER_NODE = 200;

  private PostedProfile(Profile header, PostTree tree, Supplier<PostTree> source, long keptBytes) {
    this.start = header.start();
    this.end = header.end();
    this.metadata = header.agentMetadata();
    this.tree = tree;
    this.source = source;
    this.nodes = tree.size();
    this.keptCharge =
        keptBytes < 0 ? nodes : Math.max(1, (keptBytes + BYTES_PER_NODE - 1) / BYTES_PER_NODE);
  }

  /**
   * Decodes a posted body, as {@code ProfileCodec#decode(byte[], String, String)} would (same
   * checks, same errors), without building an immutable call tree, and refuses what no answer could
   * show: a start or end outside years 0001 to 9999, or an end before the start. {@code body} is
   * kept, not copied: the caller must not change it.
   *
   * @throws dev.fakeguru.profile.ProfileFormatException if the body does not decode
   */
  public static PostedProfile decode(
      CodecLimits limits, byte[] body, String contentType, String contentEncoding) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(body, "body");
    PostTree decoded = PostTree.forBody(body.length);
    Profile header = ProfileDecoder.decodeInto(body, contentType, contentEncoding, limits, decoded);
    requireAnswerable(header);
    return new PostedProfile(
        header,
        decoded,
        () -> {
          PostTree again = PostTree.forBody(body.length);
          ProfileDecoder.decodeInto(body, contentType, contentEncoding, limits, again);
          return again;
        },
        body.length);
  }

  /**
   * Refuses what a stored profile could not be shown with: every answer that shows it (GetProfile,
   * the aggregates' bucket times in DescribeProfilingGroup and ListProfileTimes) must be able to
   * encode its start and end, and an end before the start makes no profile.
   */
  private static void requireAnswerable(Profile header) {
    for (String member : new String[] {"start", "end"}) {
      Instant t = member.equals("start") ? header.start() : header.end();
      if (!TimestampRange.contains(t)) {
        throw new ProfileFormatException(
            Problem.INVALID_VALUE,
            "$." + member,
            "the profile's "
                + member
                + " "
                + t
                + " is outside years 0001 to 9999, the range of the API's timestamps");
      }
    }
    if (header.end().isBefore(header.start())) {
      throw new ProfileFormatException(
          Problem.INVALID_VALUE,
          "$.end",
          "the profile ends at "
              + header.end()
              + ", before it starts at "
              + header.start()
              + " (an end must not be before the start)");
    }
  }

  /** A profile already decoded; it is kept for later reads. */
  public static PostedProfile of(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    return new PostedProfile(
        profile, PostTree.of(profile.callTree()), () -> PostTree.of(profile.callTree()), -1);
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  AgentMetadata metadata() {
    return metadata;
  }

  /** How many call-tree nodes the profile holds, its root included. */
  public long nodes() {
    return nodes;
  }

  /**
   * What keeping the profile as sent costs, in nodes: its bytes at {@link #BYTES_PER_NODE} (a
   * decoded profile given whole: its nodes).
   */
  long keptCharge() {
    return keptCharge;
  }

  /**
   * The sum of the self counts per counter type, in the order a walk of the tree first meets them.
   *
   * @throws ArithmeticException if the profile's own counts overflow a {@code long}
   */
  Map<String, Long> totals() {
    if (totals == null) {
      totals = tree != null ? tree.totals() : readTree().totals();
    }
    return totals;
  }

  /** The tree decoded at creation, until {@link #release()}. */
  PostTree tree() {
    return tree != null ? tree : readTree();
  }

  /** Drops the decoded tree once the profile is stored; {@link #readTree()} reads it again. */
  void release() {
    tree = null;
  }

  /** A fresh tree read from the source. */
  PostTree readTree() {
    return source.get();
  }
}
