package dev.fakeguru.findings;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One place in the profile where a {@link Pattern}'s target frame reached its threshold: the API's
 * {@code Match}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * // Db.query, reached through main > handle, holds 35 % of the samples: target frame 0 matched
 * Match match = new Match("main;handle;Db.query", 0, 35.0);
 * }</pre>
 *
 * @param frameAddress where in the call graph: FakeGuru writes the call path from the top-level
 *     frame down to the matched frame, frames joined with {@code ;} (the collapsed-stacks form)
 * @param targetFramesIndex which of the pattern's {@link Pattern#targetFrames() target frames}
 *     matched, from 0
 * @param thresholdBreachValue the share of samples at that place, in percent (the unit of {@link
 *     Pattern#thresholdPercent()}), 0 to 100
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Match(String frameAddress, int targetFramesIndex, double thresholdBreachValue) {

  /** Validates. */
  public Match {
    Objects.requireNonNull(frameAddress, "frameAddress");
    if (targetFramesIndex < 0) {
      throw new IllegalArgumentException(
          "targetFramesIndex must not be negative, but was " + targetFramesIndex);
    }
    Checks.percent(thresholdBreachValue, "thresholdBreachValue");
  }
}
