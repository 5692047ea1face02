package dev.fakeguru.assertj;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.ProfilerFake;
import dev.fakeguru.profile.Profile;
import org.assertj.core.api.WithAssertions;
import org.junit.jupiter.api.Test;

class WithCodeGuruProfilerAssertions_Test
    implements WithAssertions, WithCodeGuruProfilerAssertions {

  @Test
  void should_offer_both_entry_points_next_to_assertj_ones() {
    Profile profile = Fixtures.webApp();
    assertThat(profile).hasFrame("queryDb");
    assertThat(profile.callTree()).hasCallPath("main", "handle");
    assertThat("plain AssertJ still works").startsWith("plain");
  }

  @Test
  void should_offer_the_fake_and_post_entry_points() {
    try (FakeCodeGuruProfiler started =
        FakeCodeGuruProfiler.builder().profilingGroup("g").start()) {
      ProfilerFake fake = started;
      assertThat(Http.postProfile(fake, "g", "t1", Fixtures.webApp())).isEqualTo(204);
      assertThat(fake).hasStoredProfiles("g", 1).storedProfile(0).hasFrame("queryDb");
      assertThat(fake.profilePosts().get(0)).wasStored().hasProfileToken("t1");
    }
  }
}
