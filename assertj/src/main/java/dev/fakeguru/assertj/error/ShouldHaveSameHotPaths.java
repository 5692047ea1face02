package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.CallTrees.percent;
import static dev.fakeguru.assertj.internal.CallTrees.share;
import static dev.fakeguru.assertj.internal.MessageText.block;
import static dev.fakeguru.assertj.internal.MessageText.path;

import dev.fakeguru.profile.CallTreeNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for two profiles whose hot paths differ.
 *
 * <pre>
 * Expecting profile to have the same hot paths (total ≥ 10.0% of WALL_TIME) as the other profile,
 * but these paths were hot only in the actual profile:
 *   main &gt; handle &gt; queryDb  35.0% (other: 5.0%)
 * and these paths were hot only in the other profile:
 *   (none)
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveSameHotPaths extends TextErrorMessageFactory {

  private ShouldHaveSameHotPaths(String text) {
    super(text);
  }

  /**
   * The hot paths differ.
   *
   * @param threshold the threshold in percent
   * @param counterType the counter type
   * @param onlyActual paths hot only in the actual profile
   * @param onlyOther paths hot only in the other profile
   * @param actual the actual call tree
   * @param other the other call tree
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveSameHotPaths(
      double threshold,
      String counterType,
      Set<List<String>> onlyActual,
      Set<List<String>> onlyOther,
      CallTreeNode actual,
      CallTreeNode other) {
    String text =
        "Expecting profile to have the same hot paths (total ≥ "
            + percent(threshold)
            + " of "
            + counterType
            + ") as the other profile,\n"
            + block(
                "but these paths were hot only in the actual profile",
                lines(onlyActual, actual, other, "other", counterType))
            + "\n"
            + block(
                "and these paths were hot only in the other profile",
                lines(onlyOther, other, actual, "actual", counterType));
    return new ShouldHaveSameHotPaths(text);
  }

  private static String lines(
      Set<List<String>> paths,
      CallTreeNode in,
      CallTreeNode vs,
      String vsName,
      String counterType) {
    if (paths.isEmpty()) {
      return "(none)";
    }
    List<List<String>> sorted = new ArrayList<>(paths);
    sorted.sort(Comparator.comparing(p -> String.join("\u0000", p)));
    List<String> out = new ArrayList<>();
    for (List<String> p : sorted) {
      out.add(
          path(p)
              + "  "
              + shareAt(in, p, counterType)
              + " ("
              + vsName
              + ": "
              + shareAt(vs, p, counterType)
              + ")");
    }
    return String.join("\n", out);
  }

  private static String shareAt(CallTreeNode root, List<String> p, String counterType) {
    long part = root.nodeAt(p).map(n -> n.totalCount(counterType)).orElse(0L);
    return percent(share(part, root.totalCount(counterType)));
  }
}
