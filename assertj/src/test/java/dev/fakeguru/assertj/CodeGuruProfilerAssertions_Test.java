package dev.fakeguru.assertj;

import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.CALL_TREE_NODE;
import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.FAKE;
import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.PROFILE;
import static dev.fakeguru.assertj.CodeGuruProfilerAssertions.RECORDED_PROFILE_POST;
import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.ProfilerFake;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.RecordedProfilePost;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CodeGuruProfilerAssertions_Test {

  private final Profile profile = Fixtures.webApp();

  @Test
  void instance_of_factories_should_create_our_assertions() {
    Object value = profile;
    Assertions.assertThat(value).asInstanceOf(PROFILE).hasTotalSamples(100).hasFrame("queryDb");
    Object node = profile.callTree();
    Assertions.assertThat(node).asInstanceOf(CALL_TREE_NODE).hasCallPath("main", "handle");
  }

  @Test
  void instance_of_factories_should_create_the_fake_and_post_assertions() {
    try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().profilingGroup("g").start()) {
      then(Http.postProfile(fake, "g", "t1", profile)).isEqualTo(204);
      Object value = fake;
      Assertions.assertThat(value).asInstanceOf(FAKE).hasStoredProfiles(1).hasNoUnexpectedCalls();
      Object post = fake.profilePosts().get(0);
      Assertions.assertThat(post)
          .asInstanceOf(RECORDED_PROFILE_POST)
          .wasStored()
          .profile()
          .isEqualTo(profile);
    }
  }

  @Test
  void assertThat_should_take_any_ProfilerFake() {
    // GIVEN a fake seen only through the interface the JUnit extension's field implements too
    try (FakeCodeGuruProfiler started =
        FakeCodeGuruProfiler.builder().profilingGroup("g").start()) {
      ProfilerFake fake = started;
      then(Http.postProfile(fake, "g", "t1", profile)).isEqualTo(204);
      // WHEN
      AssertionError error =
          Failures.expectAssertionError(
              () -> CodeGuruProfilerAssertions.assertThat(fake).hasReceivedProfilePosts(2));
      // THEN
      CodeGuruProfilerAssertions.assertThat(fake).hasReceivedProfilePosts(1).hasNoUnexpectedCalls();
      then(error.getMessage()).contains("but it received:%n  1%n".formatted());
      Object value = fake;
      Assertions.assertThat(value).asInstanceOf(FAKE).hasReceivedProfilePosts("g", 1);
    }
  }

  @Test
  void fake_and_post_asserts_should_be_proxyable() throws Exception {
    then(Modifier.isFinal(FakeCodeGuruProfilerAssert.class.getModifiers())).isFalse();
    then(Modifier.isFinal(RecordedProfilePostAssert.class.getModifiers())).isFalse();
    then(Modifier.isPublic(
            FakeCodeGuruProfilerAssert.class.getConstructor(ProfilerFake.class).getModifiers()))
        .isTrue();
    then(Modifier.isPublic(
            RecordedProfilePostAssert.class
                .getConstructor(RecordedProfilePost.class)
                .getModifiers()))
        .isTrue();
  }

  @Test
  void entry_point_should_be_extensible_and_asserts_proxyable() throws Exception {
    Constructor<CodeGuruProfilerAssertions> ctor =
        CodeGuruProfilerAssertions.class.getDeclaredConstructor();
    then(Modifier.isProtected(ctor.getModifiers())).isTrue();
    then(Modifier.isFinal(ProfileAssert.class.getModifiers())).isFalse();
    then(Modifier.isPublic(ProfileAssert.class.getConstructor(Profile.class).getModifiers()))
        .isTrue();
    then(Modifier.isPublic(
            CallTreeNodeAssert.class.getConstructor(CallTreeNode.class).getModifiers()))
        .isTrue();
  }

  @Test
  void profile_representation_should_render_trees_and_leave_other_types_alone() {
    ProfileRepresentation representation = new ProfileRepresentation();
    then(representation.toStringOf(profile))
        .isEqualTo(
            """
        Profile[2024-01-02T03:00:00Z .. 2024-01-02T03:05:00Z, 5 frames, depth 3, total {WALL_TIME=100}]
        profile  total 100
        ├─ idle  self 55  total 55 (55.0%)
        └─ main  self 0  total 45 (45.0%)
           ├─ handle  self 10  total 40 (40.0%)
           │  └─ queryDb  self 30  total 30 (30.0%)
           └─ render  self 5  total 5 (5.0%)""");
    then(representation.toStringOf(profile.nodeAt("main", "handle").orElseThrow()))
        .isEqualTo(
            """
        handle  self 10  total 40 (100.0%)
        └─ queryDb  self 30  total 30 (75.0%)""");
    then(representation.toStringOf("text")).isEqualTo("\"text\"");
    then(representation.getPriority()).isEqualTo(ProfileRepresentation.PRIORITY);
  }

  @Test
  void profile_representation_is_opt_in_per_assertion() {
    Throwable error =
        Assertions.catchThrowable(
            () ->
                Assertions.assertThat(profile)
                    .withRepresentation(new ProfileRepresentation())
                    .isNull());
    then(error).hasMessageContaining("└─ render  self 5  total 5 (5.0%)");
    Throwable plain = Assertions.catchThrowable(() -> Assertions.assertThat(profile).isNull());
    then(plain).hasMessageNotContaining("└─");
  }
}
