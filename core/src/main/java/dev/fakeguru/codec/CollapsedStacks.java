package dev.fakeguru.codec;

import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Imports and exports the collapsed-stack format that async-profiler, FlameGraph and speedscope
 * use: one line per distinct stack, frames outermost first joined by {@code ;}, then a space and
 * the sample count, e.g. {@code main;handle;queryDb 42}. Turn real profiler output into test
 * fixtures with {@link #read(String, String)}, or hand a profile to a flame-graph tool with {@link
 * #write}.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Profile p = CollapsedStacks.read(Files.readString(Path.of("cpu.collapsed")), CounterTypes.RUNNABLE);
 * String text = CollapsedStacks.write(p, CounterTypes.RUNNABLE);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class CollapsedStacks {
  private CollapsedStacks() {}

  /**
   * A profile whose counts of {@code counterType} are the lines' counts (lines with the same stack
   * add up). Blank lines and lines with a zero count are skipped; frame names may contain spaces
   * (the count is the last token). Start and end are the epoch: set them with {@link
   * Profile#toBuilder()} when they matter.
   *
   * @throws ProfileFormatException naming the line number for a line without a count, with a
   *     negative or non-numeric count, or with an empty frame
   */
  public static Profile read(String text, String counterType) {
    return read(new StringReader(text), counterType);
  }

  /** The same as {@link #read(String, String)}, from a reader (not closed). */
  public static Profile read(Reader text, String counterType) {
    if (counterType == null || counterType.isEmpty()) {
      throw new IllegalArgumentException("counterType must not be empty");
    }
    // Collapsed stacks carry no time range: the epoch stands for none (documented above).
    Profile.Builder b = Profile.builder(Instant.EPOCH, Instant.EPOCH);
    BufferedReader lines = new BufferedReader(text);
    int number = 0;
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        int space = trimmed.lastIndexOf(' ');
        if (space <= 0) {
          throw bad(
              number, "expected 'frame;frame;... count' but found no count in \"" + trimmed + "\"");
        }
        String countText = trimmed.substring(space + 1);
        long count;
        try {
          count = Long.parseLong(countText);
        } catch (NumberFormatException e) {
          throw bad(number, "expected a non-negative integer count but was \"" + countText + "\"");
        }
        if (count < 0) {
          throw bad(number, "expected a non-negative integer count but was " + count);
        }
        if (count == 0) {
          continue; // a stack with no samples adds nothing
        }
        List<String> frames =
            Arrays.asList(trimmed.substring(0, space).stripTrailing().split(";", -1));
        for (int i = 0; i < frames.size(); i++) {
          if (frames.get(i).isEmpty()) {
            throw bad(number, "frame " + (i + 1) + " of the stack is empty");
          }
        }
        try {
          b.stack(counterType, count, frames);
        } catch (ArithmeticException e) {
          throw bad(number, "the counts of this stack overflow a 64-bit long");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.build();
  }

  private static ProfileFormatException bad(int line, String what) {
    return new ProfileFormatException(
        ProfileFormatException.Problem.MALFORMED, "line " + line, what);
  }

  /**
   * One line for every node with a non-zero self count of {@code counterType}, in depth-first
   * order, each ending with a newline.
   *
   * @throws IllegalArgumentException if a frame name holds {@code ;} or a line break, which the
   *     format cannot represent
   */
  public static String write(Profile profile, String counterType) {
    StringBuilder sb = new StringBuilder();
    for (LocatedNode n : profile.walk()) {
      long count = n.node().selfCount(counterType);
      if (count == 0) {
        continue;
      }
      for (int i = 0; i < n.path().size(); i++) {
        String f = n.path().get(i);
        if (f.indexOf(';') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
          throw new IllegalArgumentException(
              "frame \""
                  + f
                  + "\" holds ';' or a line break, which collapsed stacks cannot represent");
        }
        sb.append(i == 0 ? "" : ";").append(f);
      }
      sb.append(' ').append(count).append('\n');
    }
    return sb.toString();
  }
}
