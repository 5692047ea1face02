package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;
import static dev.fakeguru.assertj.internal.MessageText.counts;
import static dev.fakeguru.assertj.internal.MessageText.treeSection;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LocatedNode;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for a frame that should (or should not) be somewhere in a call tree.
 *
 * <pre>
 * Expecting profile to contain frame:
 *   queryDb
 * but it did not.
 * Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
 *   profile  total 40
 *   └─ main  self 0  total 40 (100.0%)
 *      └─ handle  self 40  total 40 (100.0%)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveFrame extends TextErrorMessageFactory {
  /** How many occurrences a "should not have" message lists before summarising. */
  static final int MAX_OCCURRENCES = 10;

  private ShouldHaveFrame(String text) {
    super(text);
  }

  /**
   * The frame named {@code frame} is missing from {@code root}'s subtree.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param frame the missing frame name
   * @param root the tree to render
   * @param counterType the counter type to render
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFrame(
      String subject, String frame, CallTreeNode root, String counterType) {
    return missing(subject, "frame", frame, root, subject, counterType);
  }

  /**
   * No frame's name matches the regular expression {@code regex} (whole-name match).
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param regex the regular expression
   * @param root the tree to render
   * @param counterType the counter type to render
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFrameMatching(
      String subject, String regex, CallTreeNode root, String counterType) {
    return missing(
        subject, "a frame matching the regular expression", regex, root, subject, counterType);
  }

  /**
   * No frame's name matches the glob {@code glob}.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param glob the glob
   * @param root the tree to render
   * @param counterType the counter type to render
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFrameLike(
      String subject, String glob, CallTreeNode root, String counterType) {
    return missing(subject, "a frame matching the glob", glob, root, subject, counterType);
  }

  private static ErrorMessageFactory missing(
      String subject,
      String what,
      String value,
      CallTreeNode root,
      String label,
      String counterType) {
    String text =
        block("Expecting " + subject + " to contain " + what, value)
            + "\nbut it did not.\n"
            + treeSection(root, label, counterType, root.totalCount(counterType));
    return new ShouldHaveFrame(text);
  }

  /**
   * The frame named {@code frame} occurs although it should not.
   *
   * @param subject what was checked, e.g. {@code profile}
   * @param frame the unexpected frame name
   * @param occurrences where it occurs, in walk order
   * @param counterType the counter type whose counts are shown
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveFrame(
      String subject, String frame, List<LocatedNode> occurrences, String counterType) {
    List<String> lines = new ArrayList<>();
    for (LocatedNode n : occurrences.subList(0, Math.min(MAX_OCCURRENCES, occurrences.size()))) {
      lines.add(n.pathString() + "  " + counts(n.node(), counterType));
    }
    if (occurrences.size() > MAX_OCCURRENCES) {
      lines.add("… " + (occurrences.size() - MAX_OCCURRENCES) + " more");
    }
    String text =
        block("Expecting " + subject + " not to contain frame", frame)
            + "\n"
            + block(
                "but found it " + times(occurrences.size()) + " (" + counterType + ")",
                String.join("\n", lines));
    return new ShouldHaveFrame(text);
  }

  static String times(int n) {
    return n == 1 ? "once" : n + " times";
  }
}
