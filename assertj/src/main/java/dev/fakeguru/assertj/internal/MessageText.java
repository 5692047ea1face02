package dev.fakeguru.assertj.internal;

import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.CounterTypes;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Helpers for putting free text (frame names, rendered trees) into an AssertJ message format
 * string: {@code %} is escaped and line breaks become {@code %n}, so the text is never
 * re-interpreted by {@link String#format}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class MessageText {
  private MessageText() {}

  /** {@code text} safe to embed in a format string. */
  public static String literal(String text) {
    return text.replace("%", "%%").replace("\r\n", "\n").replace("\n", "%n");
  }

  /** Every line of {@code text} indented by two spaces. */
  public static String indent(String text) {
    return indent(text, "  ");
  }

  /** Every line of {@code text} prefixed with {@code indent}. */
  public static String indent(String text, String indent) {
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(indent).append(lines[i]);
    }
    return sb.toString();
  }

  /** A path of frames joined with {@code " > "}; {@code (root)} for the empty path. */
  public static String path(List<String> frames) {
    return frames.isEmpty() ? "(root)" : String.join(" > ", frames);
  }

  /** A label line ending in a colon followed by {@code value} indented by two spaces. */
  public static String block(String label, String value) {
    return label + ":\n" + indent(value);
  }

  /**
   * The "Call tree (…):" section: the tree below {@code root} rendered for {@code counterType} with
   * the default limits and shares relative to {@code referenceTotal}.
   */
  public static String treeSection(
      CallTreeNode root, String rootLabel, String counterType, long referenceTotal) {
    TreeRenderer renderer = TreeRenderer.forCounter(counterType, referenceTotal);
    return block(renderer.heading(), renderer.render(root, rootLabel));
  }

  /**
   * The counter type to show in a tree when the assertion did not name one: {@link
   * CounterTypes#WALL_TIME} if the tree has it, else its first counter type.
   */
  public static String displayCounterType(CallTreeNode root) {
    if (root.counterTypes().isEmpty() || root.counterTypes().contains(CounterTypes.WALL_TIME)) {
      return CounterTypes.WALL_TIME;
    }
    return root.counterTypes().iterator().next();
  }

  /** A node's counts of one type, e.g. {@code self 10 total 40}. */
  public static String counts(CallTreeNode node, String counterType) {
    return "self " + node.selfCount(counterType) + "  total " + node.totalCount(counterType);
  }
}
