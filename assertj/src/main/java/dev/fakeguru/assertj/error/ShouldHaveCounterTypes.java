package dev.fakeguru.assertj.error;

import static dev.fakeguru.assertj.internal.MessageText.block;

import java.util.Collection;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message for counter types that differ from the expected set.
 *
 * <pre>
 * Expecting the counter types of profile to be exactly (in any order):
 *   RUNNABLE, WALL_TIME
 * but were:
 *   WALL_TIME
 * </pre>
 */
@API(status = API.Status.MAINTAINED, since = "0.1")
public class ShouldHaveCounterTypes extends TextErrorMessageFactory {

  private ShouldHaveCounterTypes(String text) {
    super(text);
  }

  /**
   * The counter types differ.
   *
   * @param subject what was checked
   * @param expected the expected counter types
   * @param actual the actual counter types
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveCounterTypes(
      String subject, Collection<String> expected, Collection<String> actual) {
    String text =
        block(
                "Expecting the counter types of " + subject + " to be exactly (in any order)",
                sorted(expected))
            + "\n"
            + block("but were", sorted(actual));
    return new ShouldHaveCounterTypes(text);
  }

  private static String sorted(Collection<String> types) {
    return types.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(types));
  }
}
