package dev.fakeguru.internal.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameNames} finds a name by the {@code String} it was last looked up by before it compares
 * characters: that shortcut must never give one name's id for another.
 */
class FrameNamesTest {

  @Test
  void equal_names_get_one_id_whichever_string_instance_asks() {
    FrameNames names = new FrameNames();
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) { // past the cache's largest size, so slots are reused
      first.add("com.example.Service.call" + i);
    }
    List<Integer> ids = new ArrayList<>();
    for (String s : first) {
      ids.add(names.intern(s));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < first.size(); i++) {
        String same = first.get(i);
        String copy = new String(same.toCharArray());
        assertThat(names.intern(same)).isEqualTo(ids.get(i));
        assertThat(names.intern(copy)).isEqualTo(ids.get(i));
        assertThat(names.find(copy)).isEqualTo(ids.get(i));
        assertThat(names.name(ids.get(i))).isEqualTo(same);
      }
    }
    assertThat(names.size()).isEqualTo(first.size());
  }

  @Test
  void names_with_the_same_hash_code_stay_apart() {
    FrameNames names = new FrameNames();
    // "Aa" and "BB" share a hash code, so they share a cache slot.
    int aa = names.intern("Aa");
    int bb = names.intern("BB");
    assertThat(aa).isNotEqualTo(bb);
    assertThat(names.intern("Aa")).isEqualTo(aa);
    assertThat(names.find("BB")).isEqualTo(bb);
    assertThat(names.find("AaAa")).isEqualTo(-1);
    assertThat(names.find("BBBB")).isEqualTo(-1);
    assertThat(names.intern("AaBB")).isNotIn(aa, bb);
    assertThat(names.find("BBAa")).isEqualTo(-1);
  }

  /** {@code 2^bits} distinct names of {@code 2 * bits} characters, all with one hash code. */
  static List<String> collidingNames(int bits) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 1 << bits; i++) {
      StringBuilder n = new StringBuilder();
      for (int b = 0; b < bits; b++) {
        n.append((i >> b & 1) == 0 ? "Aa" : "BB");
      }
      out.add(n.toString());
    }
    return out;
  }

  @Test
  void names_crafted_to_share_a_hash_code_are_found_through_a_map_and_keep_their_ids() {
    List<String> colliding = collidingNames(12);
    assertThat(colliding.stream().mapToInt(String::hashCode).distinct()).hasSize(1);
    FrameNames names = new FrameNames();
    int before = names.intern("ordinary.Frame");
    List<Integer> ids = new ArrayList<>();
    for (String n : colliding) {
      ids.add(names.intern(n));
    }

    assertThat(names.foundByMap()).isTrue();
    assertThat(ids).doesNotHaveDuplicates().doesNotContain(before);
    assertThat(names.size()).isEqualTo(colliding.size() + 1);
    for (int i = 0; i < colliding.size(); i++) {
      String copy = new String(colliding.get(i).toCharArray());
      assertThat(names.intern(copy)).isEqualTo(ids.get(i));
      assertThat(names.find(copy)).isEqualTo(ids.get(i));
      assertThat(names.name(ids.get(i))).isEqualTo(colliding.get(i));
    }
    assertThat(names.find("ordinary.Frame")).isEqualTo(before);
    assertThat(names.find("AaAaAaAaAaAaAaAaAaAaAaAaAa")).isEqualTo(-1);

    // Names moved between tables (a group's, a read's) by id collide there too.
    FrameNames other = new FrameNames();
    for (int i = colliding.size() - 1; i >= 0; i--) {
      assertThat(other.name(other.intern(names, ids.get(i)))).isEqualTo(colliding.get(i));
    }
    assertThat(other.foundByMap()).isTrue();
    assertThat(other.find(names, ids.get(7))).isEqualTo(other.find(colliding.get(7)));
  }

  @Test
  void ordinary_names_keep_the_hash_table() {
    // A table filled to three quarters has runs of more than 64 probes by chance (3,000,000 such
    // names made a table that gave up at 64 probes switch): only names sharing a hash code count.
    FrameNames names = new FrameNames();
    for (int i = 0; i < 3_000_000; i++) {
      names.intern("f" + i);
    }
    assertThat(names.foundByMap()).isFalse();
  }
}
