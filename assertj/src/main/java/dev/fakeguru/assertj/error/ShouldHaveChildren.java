package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import dev.fakeguru.profile.CallTreeNode;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the messages for a node's children (or their absence).
 *
 * <pre>
 * Expecting the children of:
 *   handle
 * to be exactly (in any order):
 *   queryDb, render
 * but were:
 *   cache  self 3  total 3
 *   queryDb  self 30  total 30
 * missing:
 *   render
 * unexpected:
 *   cache
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveChildren extends TextErrorMessageFactory {

  private ShouldHaveChildren(String text) {
    super(text);
  }

  /**
   * The children differ from the expected set.
   *
   * @param of the node's frame name (or {@code profile} for the top-level frames)
   * @param node the node
   * @param expected the expected child frame names
   * @param exactly whether no other children are allowed
   * @param missing expected names that are not children
   * @param unexpected child names that were not expected (empty unless {@code exactly})
   * @param counterType the counter type whose counts are shown
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveChildren(
      String of,
      CallTreeNode node,
      List<String> expected,
      boolean exactly,
      Collection<String> missing,
      Collection<String> unexpected,
      String counterType) {
    StringBuilder text = new StringBuilder();
    text.append(block("Expecting the children of", of)).append('\n');
    text.append(
            block(
                exactly ? "to be exactly (in any order)" : "to contain",
                String.join(", ", expected)))
        .append('\n');
    text.append(block("but were", ShouldHaveCallPath.children(node, counterType)));
    if (!missing.isEmpty()) {
      text.append('\n').append(block("missing", String.join(", ", missing)));
    }
    if (!unexpected.isEmpty()) {
      text.append('\n').append(block("unexpected", String.join(", ", unexpected)));
    }
    return new ShouldHaveChildren(text.toString());
  }

  /**
   * A node that should be a leaf has children.
   *
   * @param of the node's frame name
   * @param node the node
   * @param counterType the counter type whose counts are shown
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeLeaf(String of, CallTreeNode node, String counterType) {
    String text =
        block("Expecting frame", of)
            + "\nto be a leaf (to have no children),\n"
            + block(
                "but it had "
                    + node.childCount()
                    + (node.childCount() == 1 ? " child" : " children"),
                ShouldHaveCallPath.children(node, counterType));
    return new ShouldHaveChildren(text);
  }
}
