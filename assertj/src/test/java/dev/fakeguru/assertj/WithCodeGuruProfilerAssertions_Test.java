package dev.fakeguru.assertj;

import dev.fakeguru.profile.Profile;
import org.assertj.core.api.WithAssertions;
import org.junit.jupiter.api.Test;

class WithCodeGuruProfilerAssertions_Test implements WithAssertions, WithCodeGuruProfilerAssertions {

  @Test
  void should_offer_both_entry_points_next_to_assertj_ones() {
    Profile profile = Fixtures.webApp();
    assertThat(profile).hasFrame("queryDb");
    assertThat(profile.callTree()).hasCallPath("main", "handle");
    assertThat("plain AssertJ still works").startsWith("plain");
  }
}
