package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.CallTrees.percent;
import static dev.fakeguru.assertj.internal.CallTrees.points;
import static dev.fakeguru.assertj.internal.CallTrees.share;
import static dev.fakeguru.assertj.internal.MessageText.block;
import static dev.fakeguru.assertj.internal.MessageText.treeSection;

import dev.fakeguru.profile.CallTreeNode;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the messages of share assertions: the part of a total that a frame or path accounts for.
 *
 * <pre>
 * Expecting the share of the profile's WALL_TIME total spent in:
 *   frame handle (2 occurrences)
 * to be at least:
 *   30.0%
 * but was:
 *   25.0% (25 of 100)
 * Call tree (WALL_TIME, depth ≤ 4, 20 children per node):
 *   …
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveShare extends TextErrorMessageFactory {

  private ShouldHaveShare(String text) {
    super(text);
  }

  /**
   * A share is below its minimum.
   *
   * @param subject what the share is of, e.g. {@code profile}
   * @param what what the samples were spent in, e.g. {@code frame handle (2 occurrences)}
   * @param counterType the counter type
   * @param part the samples spent in {@code what}
   * @param whole the total the share is relative to
   * @param minPercent the expected minimum
   * @param root the tree to render, or {@code null} for none
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveShareAtLeast(
      String subject,
      String what,
      String counterType,
      long part,
      long whole,
      double minPercent,
      CallTreeNode root) {
    return bound(subject, what, counterType, part, whole, "to be at least", minPercent, root);
  }

  /**
   * A share is above its maximum.
   *
   * @param subject what the share is of, e.g. {@code profile}
   * @param what what the samples were spent in
   * @param counterType the counter type
   * @param part the samples spent in {@code what}
   * @param whole the total the share is relative to
   * @param maxPercent the expected maximum
   * @param root the tree to render, or {@code null} for none
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveShareAtMost(
      String subject,
      String what,
      String counterType,
      long part,
      long whole,
      double maxPercent,
      CallTreeNode root) {
    return bound(subject, what, counterType, part, whole, "to be at most", maxPercent, root);
  }

  private static ErrorMessageFactory bound(
      String subject,
      String what,
      String counterType,
      long part,
      long whole,
      String relation,
      double limit,
      CallTreeNode root) {
    String text =
        block(
                "Expecting the share of the " + subject + "'s " + counterType + " total spent in",
                what)
            + "\n"
            + block(relation, percent(limit))
            + "\n"
            + block("but was", percent(share(part, whole)) + " (" + part + " of " + whole + ")")
            + (root == null
                ? ""
                : "\n" + treeSection(root, subject, counterType, root.totalCount(counterType)));
    return new ShouldHaveShare(text);
  }

  /**
   * A share cannot be computed because the total is 0.
   *
   * @param subject what has no samples, e.g. {@code profile}
   * @param counterType the counter type
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveSamples(String subject, String counterType) {
    String text =
        block("Expecting " + subject + " to have samples of counter type", counterType)
            + "\nto compute a share from, but its "
            + counterType
            + " total was 0.";
    return new ShouldHaveShare(text);
  }

  /**
   * A frame's share grew more than allowed compared with a baseline.
   *
   * @param frame the frame
   * @param counterType the counter type
   * @param part the frame's inclusive total in the actual profile
   * @param whole the actual profile's total
   * @param baselinePart the frame's inclusive total in the baseline
   * @param baselineWhole the baseline's total
   * @param maxPoints the allowed growth in percentage points
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotHaveGrownBy(
      String frame,
      String counterType,
      long part,
      long whole,
      long baselinePart,
      long baselineWhole,
      double maxPoints) {
    double now = share(part, whole);
    double before = share(baselinePart, baselineWhole);
    String text =
        block(
                "Expecting the share of the profile's " + counterType + " total spent in frame",
                frame)
            + "\n"
            + block(
                "not to have grown by more than",
                String.format(java.util.Locale.ROOT, "%.1f pp", maxPoints))
            + "\n"
            + block("compared with the baseline, but it grew by", points(now - before))
            + "\n"
            + block(
                "from (baseline)",
                percent(before) + " (" + baselinePart + " of " + baselineWhole + ")")
            + "\n"
            + block("to (actual)", percent(now) + " (" + part + " of " + whole + ")");
    return new ShouldHaveShare(text);
  }
}
