package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;
import static dev.fakeguru.assertj.internal.MessageText.counts;
import static dev.fakeguru.assertj.internal.MessageText.path;
import static dev.fakeguru.assertj.internal.MessageText.treeSection;

import dev.fakeguru.profile.CallTreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a call path that should (or should not) be in a call tree.
 *
 * <pre>
 * Expecting profile to contain call path:
 *   main &gt; handle &gt; queryDb
 * but the deepest matching frame was:
 *   main &gt; handle
 * whose children were:
 *   render  self 5  total 5
 * Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
 *   profile  total 15
 *   └─ main  self 0  total 15 (100.0%)
 *      └─ handle  self 10  total 15 (100.0%)
 *         └─ render  self 5  total 5 (33.3%)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveCallPath extends TextErrorMessageFactory {
  /** How many children the "whose children were" section lists. */
  static final int MAX_CHILDREN_LISTED = 20;

  private ShouldHaveCallPath(String text) {
    super(text);
  }

  /**
   * A path from the top of the tree is missing.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param expected the expected frames, outermost first
   * @param deepestMatch the longest prefix of {@code expected} that exists (possibly empty)
   * @param deepestNode the node {@code deepestMatch} leads to ({@code root} when it is empty)
   * @param root the tree to render
   * @param counterType the counter type to render
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveCallPath(
      String subject,
      List<String> expected,
      List<String> deepestMatch,
      CallTreeNode deepestNode,
      CallTreeNode root,
      String counterType) {
    StringBuilder text = new StringBuilder();
    text.append(block("Expecting " + subject + " to contain call path", path(expected)))
        .append('\n');
    if (deepestMatch.isEmpty()) {
      text.append(block("but no top-level frame was named", expected.get(0))).append('\n');
      text.append(block("the top-level frames were", children(deepestNode, counterType)))
          .append('\n');
    } else {
      text.append(block("but the deepest matching frame was", path(deepestMatch))).append('\n');
      text.append(block("whose children were", children(deepestNode, counterType))).append('\n');
    }
    text.append(treeSection(root, subject, counterType, root.totalCount(counterType)));
    return new ShouldHaveCallPath(text.toString());
  }

  /**
   * A contiguous chain of frames is missing everywhere in the tree.
   *
   * @param subject what was checked
   * @param expected the expected chain, outermost first
   * @param longestMatch the path from the top to the deepest frame of the longest partial chain, or
   *     {@code null} if no frame is named like the chain's first frame
   * @param longestMatchNode the node {@code longestMatch} leads to, or {@code null}
   * @param root the tree to render
   * @param counterType the counter type to render
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveCallPathAnywhere(
      String subject,
      List<String> expected,
      List<String> longestMatch,
      CallTreeNode longestMatchNode,
      CallTreeNode root,
      String counterType) {
    StringBuilder text = new StringBuilder();
    text.append(block("Expecting " + subject + " to contain call path anywhere", path(expected)))
        .append('\n');
    if (longestMatch == null) {
      text.append(block("but no frame was named", expected.get(0))).append('\n');
    } else {
      text.append(block("but the longest matching chain ended at", path(longestMatch)))
          .append('\n');
      text.append(block("whose children were", children(longestMatchNode, counterType)))
          .append('\n');
    }
    text.append(treeSection(root, subject, counterType, root.totalCount(counterType)));
    return new ShouldHaveCallPath(text.toString());
  }

  /**
   * A path that should be absent is present.
   *
   * @param subject what was checked
   * @param unexpected the path, outermost first
   * @param foundAt the full path from the top to the path's last frame
   * @param node the node at the end of the path
   * @param anywhere whether the path was searched anywhere rather than from the top
   * @param counterType the counter type whose counts are shown
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveCallPath(
      String subject,
      List<String> unexpected,
      List<String> foundAt,
      CallTreeNode node,
      boolean anywhere,
      String counterType) {
    String text =
        block(
                "Expecting "
                    + subject
                    + " not to contain call path"
                    + (anywhere ? " anywhere" : ""),
                path(unexpected))
            + "\n"
            + block(
                "but found it (" + counterType + ")",
                path(foundAt) + "  " + counts(node, counterType));
    return new ShouldHaveCallPath(text);
  }

  static String children(CallTreeNode node, String counterType) {
    if (node.isLeaf()) {
      return "(none)";
    }
    List<CallTreeNode> kids = new ArrayList<>(node.children());
    kids.sort(
        Comparator.comparingLong((CallTreeNode c) -> -c.totalCount(counterType))
            .thenComparing(CallTreeNode::frame));
    List<String> lines = new ArrayList<>();
    for (CallTreeNode c : kids.subList(0, Math.min(MAX_CHILDREN_LISTED, kids.size()))) {
      lines.add(c.frame() + "  " + counts(c, counterType));
    }
    if (kids.size() > MAX_CHILDREN_LISTED) {
      lines.add("… " + (kids.size() - MAX_CHILDREN_LISTED) + " more");
    }
    return String.join("\n", lines);
  }
}
