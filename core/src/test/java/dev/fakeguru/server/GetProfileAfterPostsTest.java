package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

/**
 * GetProfile of a range the group has already answered, after posts inside it, outside it, and
 * after an expiry, a delete and a reset: the answer is always the one a fresh fake holding the same
 * posts gives, byte for byte (node order included), whatever the fake remembered of earlier reads.
 * Through the real SDK v2 client.
 */
@Timeout(60)
class GetProfileAfterPostsTest extends FakeServerTestBase {
  /** 03:02 to 03:13: the 5-minute buckets 03:00, 03:05 and 03:10 (the last one). */
  private static final Instant FROM = T0.plusSeconds(120);

  private static final Instant TO = T0.plusSeconds(13 * 60);

  /** The posts of three 5-minute buckets, each with its own frames so that order shows. */
  private static final List<Profile> FIRST =
      List.of(
          profileAt(0, 3, "main", "a"),
          profileAt(5, 4, "main", "b"),
          profileAt(6, 1, "side"),
          profileAt(10, 5, "main", "c"));

  private static byte[] get(CodeGuruProfilerClient c, String accept) {
    return c.getProfile(b -> b.profilingGroupName(GROUP).startTime(FROM).endTime(TO).accept(accept))
        .profile()
        .asByteArray();
  }

  private static String json(CodeGuruProfilerClient c) {
    return new String(get(c, "application/json"), StandardCharsets.UTF_8);
  }

  private static String json() {
    return json(client);
  }

  private static Profile ion() {
    return ProfileCodec.defaults()
        .decode(get(client, "application/x-amzn-ion"), ProfileFormat.ION_BINARY);
  }

  /** The JSON answer of a fresh fake (same clock) that got {@code posts} and no read before. */
  private static String freshAnswer(List<Profile> posts) {
    try (FakeCodeGuruProfiler other =
            FakeCodeGuruProfiler.builder()
                .clock(SettableClock.at(clock.instant()))
                .profilingGroup(GROUP)
                .start();
        CodeGuruProfilerClient c = sdkClient(other)) {
      posts.forEach(p -> TestClients.post(c, GROUP, p));
      return json(c);
    }
  }

  private static List<Profile> plus(List<Profile> a, Profile... more) {
    return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(more)).toList();
  }

  private static Profile decode(String json) {
    return ProfileCodec.defaults()
        .decode(json.getBytes(StandardCharsets.UTF_8), ProfileFormat.JSON);
  }

  @Test
  void posts_to_the_last_bucket_of_a_read_range_are_in_the_next_answer_in_full_merge_order() {
    FIRST.forEach(p -> post(GROUP, p));
    assertThat(decode(json()).totalCount("WALL_TIME")).isEqualTo(13);
    Profile ionBefore = ion();

    // New frames at every depth, and one the earlier buckets already have, into 03:10.
    Profile late1 = profileAt(11, 2, "main", "c", "deep");
    Profile late2 = profileAt(12, 7, "new-top");
    Profile late3 = profileAt(11, 1, "main", "a");
    post(GROUP, late1);
    String afterOne = json();
    post(GROUP, late2);
    post(GROUP, late3);
    String afterThree = json();

    assertThat(afterOne).isEqualTo(freshAnswer(plus(FIRST, late1)));
    assertThat(afterThree).isEqualTo(freshAnswer(plus(FIRST, late1, late2, late3)));
    Profile p = decode(afterThree);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(23);
    assertThat(p.nodeAt("main", "c", "deep").orElseThrow().selfCount("WALL_TIME")).isEqualTo(2);
    assertThat(p.nodeAt("main", "a").orElseThrow().selfCount("WALL_TIME")).isEqualTo(4);
    assertThat(ion()).isNotEqualTo(ionBefore).isEqualTo(p);
  }

  @Test
  void a_post_to_an_earlier_bucket_of_a_read_range_is_in_the_next_answer_in_full_merge_order() {
    FIRST.forEach(p -> post(GROUP, p));
    json();

    // "main" has the children a, b, c (from 03:00, 03:05, 03:10). 03:00 now gets c as well, so a
    // full merge meets c before b: a, c, b. Merging the post on top would give a, b, c.
    Profile early = profileAt(1, 6, "main", "c");
    post(GROUP, early);

    String after = json();
    assertThat(after).isEqualTo(freshAnswer(plus(FIRST, early)));
    assertThat(decode(after).nodeAt("main", "c").orElseThrow().selfCount("WALL_TIME"))
        .isEqualTo(11);
    assertThat(after.indexOf("\"c\"")).isLessThan(after.indexOf("\"b\""));
  }

  @Test
  void a_post_outside_a_read_range_leaves_its_answer_unchanged() {
    FIRST.forEach(p -> post(GROUP, p));
    String before = json();

    post(GROUP, profileAt(20, 9, "main", "elsewhere")); // 03:20, after the range
    post(GROUP, profileAt(-60, 9, "main", "earlier")); // 02:00, before it

    assertThat(json()).isEqualTo(before).isEqualTo(freshAnswer(FIRST));
    // and a post inside it still counts afterwards
    post(GROUP, profileAt(12, 1, "main", "c"));
    assertThat(decode(json()).totalCount("WALL_TIME")).isEqualTo(14);
  }

  @Test
  void an_expiry_a_delete_and_a_reset_each_change_a_remembered_answer() {
    FIRST.forEach(p -> post(GROUP, p));
    json();
    Instant was = clock.instant();
    try {
      // 15 days on, the 5-minute buckets have expired: the range reads the whole hour.
      clock.set(T0.plus(Duration.ofDays(15)).plusSeconds(60));
      Profile expired = decode(json());
      assertThat(expired.start()).isEqualTo(T0);
      assertThat(expired.end()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(expired.totalCount("WALL_TIME")).isEqualTo(13);
    } finally {
      clock.set(was);
    }

    client.deleteProfilingGroup(b -> b.profilingGroupName(GROUP));
    client.createProfilingGroup(b -> b.profilingGroupName(GROUP).clientToken("again"));
    post(GROUP, profileAt(3, 2, "main", "x"));
    post(GROUP, profileAt(10, 1, "main", "y"));
    assertThat(json())
        .isEqualTo(
            freshAnswer(List.of(profileAt(3, 2, "main", "x"), profileAt(10, 1, "main", "y"))));

    fake.reset();
    assertThat(
            catchThrowableOfType(ResourceNotFoundException.class, GetProfileAfterPostsTest::json))
        .isNotNull();
    post(GROUP, profileAt(7, 4, "main", "z"));
    post(GROUP, profileAt(11, 1, "main", "z"));
    assertThat(decode(json()).totalCount("WALL_TIME")).isEqualTo(5);
  }
}
