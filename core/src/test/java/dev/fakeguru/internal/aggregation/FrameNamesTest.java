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
}
