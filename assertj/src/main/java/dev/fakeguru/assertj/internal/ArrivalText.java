package dev.fakeguru.assertj.internal;

import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Renders what the fake received, one line per call, post or feedback (and each notification it
 * recorded), for failure messages:
 *
 * <pre>
 * #1 PostAgentProfile(g) POST /profilingGroups/g/agentProfile -&gt; 204
 * #3 Positive on 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11 of g (useful)
 * AnomalyDetection of g to arn:aws:sns:us-east-1:123456789012:alerts about 0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11
 * #1 g token=t1 application/json 352 bytes, stored: 6 nodes, 100 WALL_TIME samples, top frames: idle 55, main 45
 * #2 g text/plain 2 bytes, rejected: 1 validation error detected: Value 'text/plain' at 'contentType' failed to sati…
 * </pre>
 *
 * <p>The output is plain text: use {@link MessageText#literal(String)} before putting it into a
 * message format. Stateless; thread-safe.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ArrivalText {
  /** How many calls or posts a list shows before summarising the rest. */
  public static final int MAX_LINES = 50;

  /** How many characters of a rejection reason a post line shows. */
  public static final int MAX_REASON = 80;

  /** How many top-level frames a profile summary names. */
  public static final int MAX_TOP_FRAMES = 3;

  /** Which posts are not stored profiles, as messages explain it. */
  public static final String NOT_STORED =
      "rejected posts, retries of a stored profile token and posts stopped by an injected fault are not stored";

  private ArrivalText() {}

  /** One line per call, in arrival order, or {@code (none)}. */
  public static String calls(List<RecordedCall> calls) {
    return lines(calls, RecordedCall::toString);
  }

  /** One line per post, in arrival order, or {@code (none)}. */
  public static String posts(List<RecordedProfilePost> posts) {
    return lines(posts, ArrivalText::post);
  }

  /** One line per feedback submission, in arrival order, or {@code (none)}. */
  public static String feedback(List<RecordedFeedback> feedback) {
    return lines(
        feedback,
        f ->
            "#"
                + f.sequence()
                + " "
                + f.type().wireName()
                + " on "
                + f.anomalyInstanceId()
                + " of "
                + f.profilingGroup()
                + f.comment().map(c -> " (" + abbreviate(c) + ")").orElse(""));
  }

  /** One line per recorded notification, in the order recorded, or {@code (none)}. */
  public static String notifications(List<RecordedNotification> notifications) {
    return lines(
        notifications,
        n ->
            n.eventType()
                + " of "
                + n.profilingGroup()
                + " to "
                + n.channelUri()
                + " about "
                + n.anomalyInstanceId());
  }

  /**
   * A post on one line: arrival number, group, token, content type and encoding, body size, then
   * whether it was stored and a summary of its profile (or why it could not be decoded).
   */
  public static String post(RecordedProfilePost post) {
    StringBuilder sb =
        new StringBuilder("#").append(post.sequence()).append(' ').append(post.profilingGroup());
    post.profileToken().ifPresent(t -> sb.append(" token=").append(t));
    sb.append(' ').append(post.contentType().orElse("(no content type)"));
    post.contentEncoding().ifPresent(e -> sb.append(" (").append(e).append(')'));
    int size = post.bodySize();
    sb.append(' ').append(size).append(size == 1 ? " byte" : " bytes");
    if (post.profile().isPresent()) {
      sb.append(post.stored() ? ", stored: " : ", not stored: ")
          .append(profile(post.profile().get()));
    } else {
      sb.append(", rejected: ")
          .append(abbreviate(post.decodeFailure().orElse("no profile decoded")));
    }
    return sb.toString();
  }

  /**
   * A profile in a few words: node count, total samples of the counter type messages show, and the
   * top-level frames by total, e.g. {@code 6 nodes, 100 WALL_TIME samples, top frames: idle 55,
   * main 45}.
   */
  public static String profile(Profile profile) {
    CallTreeNode root = profile.callTree();
    String type = MessageText.displayCounterType(root);
    long nodes = root.size();
    long samples = root.totalCount(type);
    StringBuilder sb = new StringBuilder();
    sb.append(nodes).append(nodes == 1 ? " node, " : " nodes, ");
    sb.append(samples).append(' ').append(type).append(samples == 1 ? " sample" : " samples");
    List<CallTreeNode> top = new ArrayList<>(root.children());
    if (top.isEmpty()) {
      return sb.append(", no frames").toString();
    }
    top.sort(
        Comparator.comparingLong((CallTreeNode c) -> -c.totalCount(type))
            .thenComparing(CallTreeNode::frame));
    sb.append(top.size() == 1 ? ", top frame: " : ", top frames: ");
    for (int i = 0; i < Math.min(MAX_TOP_FRAMES, top.size()); i++) {
      CallTreeNode c = top.get(i);
      sb.append(i == 0 ? "" : ", ").append(c.frame()).append(' ').append(c.totalCount(type));
    }
    if (top.size() > MAX_TOP_FRAMES) {
      sb.append(", … ").append(top.size() - MAX_TOP_FRAMES).append(" more");
    }
    return sb.toString();
  }

  /**
   * The message text for a count of arrivals that differs: {@code expecting} with the expected
   * count (e.g. {@code 2 posts for profiling group 'g'}), {@code but} with the actual count, then
   * the arrivals under their label, each value on its own indented line.
   */
  public static String countDiffers(
      String expecting, String expected, String but, int actual, String label, String arrivals) {
    return MessageText.block(expecting, expected)
        + "\n"
        + MessageText.block(but, Integer.toString(actual))
        + "\n"
        + MessageText.block(label, arrivals);
  }

  /** {@code for profiling group 'g'}, or nothing for {@code null} (every group). */
  public static String forGroup(String group) {
    return group == null ? "" : " for profiling group '" + group + "'";
  }

  /** {@code 1 post}, {@code 2 posts}: a count with its noun, plural unless it is 1. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String abbreviate(String text) {
    String line = text.replace("\r", " ").replace("\n", " ");
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
  }

  private static <T> String lines(List<T> items, Function<T, String> render) {
    if (items.isEmpty()) {
      return "(none)";
    }
    List<String> out = new ArrayList<>();
    for (T item : items.subList(0, Math.min(MAX_LINES, items.size()))) {
      out.add(render.apply(item));
    }
    if (items.size() > MAX_LINES) {
      out.add("… " + (items.size() - MAX_LINES) + " more");
    }
    return String.join("\n", out);
  }
}
