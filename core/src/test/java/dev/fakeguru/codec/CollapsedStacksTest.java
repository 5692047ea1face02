package dev.fakeguru.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakeguru.profile.CounterTypes;
import dev.fakeguru.profile.Fixtures;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollapsedStacksTest {

  @Test
  void reads_stacks_with_interior_counts_blank_lines_and_spaces_in_frames() {
    String text =
        "main;handle;queryDb 30\n"
            + "\n"
            + "main;handle 10\r\n"
            + "   \n"
            + "main;void java.lang.Thread.run() 5\n"
            + "main;handle;queryDb 2\n"
            + "other 0\n";
    Profile p = CollapsedStacks.read(text, CounterTypes.RUNNABLE);

    assertThat(p.nodeAt("main", "handle", "queryDb").orElseThrow().selfCount(CounterTypes.RUNNABLE))
        .isEqualTo(32);
    assertThat(p.nodeAt("main", "handle").orElseThrow().selfCount(CounterTypes.RUNNABLE))
        .isEqualTo(10);
    assertThat(p.nodeAt("main", "handle").orElseThrow().totalCount(CounterTypes.RUNNABLE))
        .isEqualTo(42);
    assertThat(
            p.nodeAt("main", "void java.lang.Thread.run()")
                .orElseThrow()
                .selfCount(CounterTypes.RUNNABLE))
        .isEqualTo(5);
    assertThat(p.nodeAt("other")).as("zero-count lines are skipped").isEmpty();
    assertThat(p.totalCount(CounterTypes.RUNNABLE)).isEqualTo(47);
    assertThat(p.counterTypes()).containsExactly(CounterTypes.RUNNABLE);
  }

  @Test
  void reads_from_a_reader() {
    Profile p = CollapsedStacks.read(new StringReader("a;b 1\na 2"), CounterTypes.WALL_TIME);
    assertThat(p.totalCount(CounterTypes.WALL_TIME)).isEqualTo(3);
  }

  @Test
  void writes_one_line_per_node_with_a_self_count_in_walk_order() {
    Profile p =
        Profile.builder()
            .stack(30, "main", "handle", "queryDb")
            .stack(10, "main", "handle")
            .stack(CounterTypes.RUNNABLE, 7, "main", "spin")
            .stack(4, "idle")
            .build();
    assertThat(CollapsedStacks.write(p, CounterTypes.WALL_TIME))
        .isEqualTo("main;handle 10\nmain;handle;queryDb 30\nidle 4\n");
    assertThat(CollapsedStacks.write(p, CounterTypes.RUNNABLE)).isEqualTo("main;spin 7\n");
    assertThat(CollapsedStacks.write(p, CounterTypes.BLOCKED)).isEmpty();
  }

  @Test
  void text_round_trips() {
    String text = "a 1\na;b 2\na;b;c d 3\na;e 4\nf 9223372036854775807\n";
    assertThat(CollapsedStacks.write(CollapsedStacks.read(text, "X"), "X")).isEqualTo(text);
  }

  @Test
  void profile_round_trips_including_the_fixture() {
    Profile p = Profile.builder().stack(3, "x", "y").stack(1, "x").stack(2, "z z").build();
    assertThat(
            CollapsedStacks.read(
                CollapsedStacks.write(p, CounterTypes.WALL_TIME), CounterTypes.WALL_TIME))
        .isEqualTo(p);

    Profile agent =
        ProfileCodec.defaults().decode(Fixtures.body(Fixtures.PROFILE_1), ProfileFormat.JSON);
    String text = CollapsedStacks.write(agent, CounterTypes.WALL_TIME);
    assertThat(text).contains("py_agent_driver:<module>;py_agent_driver:main;<Sleep> 15\n");
    Profile back = CollapsedStacks.read(text, CounterTypes.WALL_TIME);
    assertThat(back.totalCount(CounterTypes.WALL_TIME)).isEqualTo(163);
    assertThat(CollapsedStacks.write(back, CounterTypes.WALL_TIME)).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "main;handle|line 2|expected 'frame;frame;... count' but found no count in \"main;handle\"",
        "main;handle x|line 2|expected a non-negative integer count but was \"x\"",
        "main;handle -4|line 2|expected a non-negative integer count but was -4",
        "main;handle 1.5|line 2|expected a non-negative integer count but was \"1.5\"",
        "main;handle 99999999999999999999|line 2|expected a non-negative integer count but was \"99999999999999999999\"",
        "main;;handle 3|line 2|frame 2 of the stack is empty",
        "main; 3|line 2|frame 2 of the stack is empty",
      })
  void bad_lines_name_their_line_number(String badLine, String path, String detail) {
    assertThatThrownBy(
            () -> CollapsedStacks.read("ok 1\n" + badLine + "\nok 2\n", CounterTypes.WALL_TIME))
        .isInstanceOfSatisfying(
            ProfileFormatException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.detail()).isEqualTo(detail);
            })
        .hasMessage(path + ": " + detail);
  }

  @Test
  void overflowing_sums_are_reported() {
    assertThatThrownBy(() -> CollapsedStacks.read("a 9223372036854775807\na 1\n", "X"))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessage("line 2: the counts of this stack overflow a 64-bit long");
  }

  @Test
  void frames_the_format_cannot_hold_are_refused_on_write() {
    Profile p = Profile.builder().stack(1, "a;b").build();
    assertThatThrownBy(() -> CollapsedStacks.write(p, CounterTypes.WALL_TIME))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a;b\"");
  }

  @Test
  void deep_stacks_do_not_overflow_the_java_stack() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append(i == 0 ? "" : ";").append('f').append(i);
    }
    String text = sb.append(" 1\n").toString();
    Profile p = CollapsedStacks.read(text, "X");
    assertThat(p.maxDepth()).isEqualTo(100_000);
    assertThat(CollapsedStacks.write(p, "X")).isEqualTo(text);
  }
}
