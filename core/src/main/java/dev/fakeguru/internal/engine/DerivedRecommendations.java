package dev.fakeguru.internal.engine;

import dev.fakeguru.findings.Match;
import dev.fakeguru.findings.Pattern;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LocatedNode;
import dev.fakeguru.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Pattern} applied to an aggregated profile: every outermost occurrence of a target frame
 * whose share of the samples reaches the threshold is a {@link Match} (its call path as the frame
 * address, its share in percent as the breach value), and the recommendation exists when there is
 * at least one. Stateless. Internal.
 */
final class DerivedRecommendations {
  private static final Comparator<Match> MOST_IMPACT_FIRST =
      Comparator.comparingDouble(Match::thresholdBreachValue)
          .reversed()
          .thenComparing(Match::frameAddress);

  private DerivedRecommendations() {}

  /** The recommendation the pattern makes for {@code profile}, if it matches anywhere. */
  static Optional<Recommendation> derive(Profile profile, Pattern pattern) {
    CallTreeNode root = profile.callTree();
    List<String> counters = pattern.countersToAggregate();
    long all = FrameShares.samples(root.totalCounts(), counters);
    if (all == 0) {
      return Optional.empty();
    }
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < pattern.targetFrames().size(); i++) {
      for (LocatedNode n : FrameShares.outermost(root, pattern.targetFrames().get(i))) {
        long samples = FrameShares.samples(n.node().totalCounts(), counters);
        double share = 100.0 * samples / all;
        if (samples > 0 && share >= pattern.thresholdPercent()) {
          matches.add(new Match(String.join(";", n.path()), i, share));
        }
      }
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    matches.sort(MOST_IMPACT_FIRST);
    return Optional.of(
        Recommendation.builder()
            .pattern(pattern)
            .startTime(profile.start())
            .endTime(profile.end())
            .matches(matches)
            .build());
  }
}
