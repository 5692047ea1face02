package dev.fakeguru.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.codec.ProfileCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes the bodies the real Python agent posted. */
class ProfileCodecFixtureTest {
  private static final ProfileCodec CODEC = ProfileCodec.defaults();
  private static final String MODULE = "py_agent_driver:<module>";
  private static final String MAIN = "py_agent_driver:main";
  private static final String WORKLOAD = "py_agent_driver:workload";
  private static final String FILE = "/srv/app/py_agent_driver.py";

  private static Profile decode(String fixture) {
    return CODEC.decode(Fixtures.body(fixture), "application/json", null);
  }

  /** Walks the pretty JSON with Jackson's tree model, independently of the codec. */
  private static Map<String, Long> selfCountsByPath(byte[] json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json).get("callgraph");
    Map<String, Long> result = new HashMap<>();
    Deque<Map.Entry<List<String>, JsonNode>> stack = new ArrayDeque<>();
    stack.push(Map.entry(List.of(), root));
    while (!stack.isEmpty()) {
      Map.Entry<List<String>, JsonNode> e = stack.pop();
      JsonNode counts = e.getValue().get("counts");
      if (counts != null && counts.has("WALL_TIME")) {
        result.put(String.join(" > ", e.getKey()), counts.get("WALL_TIME").asLong());
      }
      JsonNode children = e.getValue().get("children");
      if (children != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = children.properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> c = it.next();
          List<String> path = new ArrayList<>(e.getKey());
          path.add(c.getKey());
          stack.push(Map.entry(path, c.getValue()));
        }
      }
    }
    return result;
  }

  @Test
  void profile_1_has_the_recorded_frames_counts_files_and_lines() {
    Profile p = decode(Fixtures.PROFILE_1);

    assertThat(p.start()).isEqualTo(Instant.ofEpochMilli(1795345114008L));
    assertThat(p.end()).isEqualTo(Instant.ofEpochMilli(1795345123915L));
    assertThat(p.nodeAt(MODULE, MAIN, "<Sleep>").orElseThrow().selfCounts())
        .containsExactly(Map.entry("WALL_TIME", 15L));
    CallTreeNode sieve =
        p.nodeAt(MODULE, MAIN, WORKLOAD, "py_agent_driver:PrimeSieve:run").orElseThrow();
    assertThat(sieve.selfCount(CounterTypes.WALL_TIME)).isEqualTo(4);
    assertThat(sieve.file()).contains(FILE);
    assertThat(sieve.lines()).contains(LineRange.of(54, 55));
    assertThat(p.nodeAt(MODULE).orElseThrow().lines()).contains(LineRange.of(207));
    assertThat(p.nodeAt(MODULE, MAIN).orElseThrow().lines()).contains(LineRange.of(174, 178));
    assertThat(p.nodeAt(MODULE, MAIN, "<Sleep>").orElseThrow().file()).isEmpty();
    assertThat(
            p.nodeAt(
                    "threading:Thread:_bootstrap",
                    "threading:Thread:_bootstrap_inner",
                    "threading:Thread:run",
                    "py_agent_driver:idle_worker",
                    "<Sleep>")
                .orElseThrow()
                .selfCount(CounterTypes.WALL_TIME))
        .isEqualTo(74);
    assertThat(p.nodeAt(MODULE, MAIN, WORKLOAD, "py_agent_driver:hash_chain").orElseThrow().lines())
        .contains(LineRange.of(65));
    assertThat(p.totalCount(CounterTypes.WALL_TIME)).isEqualTo(163);
    assertThat(p.counterTypes()).containsExactly("WALL_TIME");
    assertThat(p.callTree().size() - 1).isEqualTo(33);
    assertThat(p.maxDepth()).isEqualTo(22);
    assertThat(p.findFrame("py_agent_driver:fib")).isNotEmpty();
  }

  @Test
  void profile_1_metadata_and_debug_info() {
    Profile p = decode(Fixtures.PROFILE_1);
    AgentMetadata m = p.agentMetadata();

    assertThat(m.numTimesSampled()).hasValue(89);
    assertThat(m.durationInMs()).hasValue(10016);
    assertThat(m.agentType()).contains("CodeGuruProfiler-python");
    assertThat(m.get("agentInfo", "version")).contains("1.2.6");
    assertThat(m.get("fleetInfo", "id")).contains("2fb079f2-8bf4-4369-83e2-2191a1118521");
    assertThat(m.get("fleetInfo", "vCPUs")).contains(2L);
    assertThat(m.get("cpuTimeInSeconds")).contains(7.9241297479999995);
    assertThat(m.get("metrics", "numThreads")).contains(2.831460674157303);
    assertThat(m.sampleWeights()).containsExactly(Map.entry("WALL_TIME", 8.885782747603834));
    assertThat(m.get("runtimeVersion")).contains("3.11.2");

    assertThat(p.otherFields()).containsOnlyKeys("debugInfo");
    @SuppressWarnings("unchecked")
    Map<String, Object> debugInfo = (Map<String, Object>) p.otherFields().get("debugInfo");
    assertThat(debugInfo).containsEntry("agentStartTime", "2026-11-22T10:58:34.008Z");
    assertThat(debugInfo).containsEntry("processId", 10744L);
    assertThat(debugInfo.get("errorsCount")).isInstanceOf(Map.class);
  }

  @Test
  void profile_2_and_profile_3_have_their_own_values() {
    Profile p2 = decode(Fixtures.PROFILE_2);
    assertThat(
            p2.nodeAt(MODULE, MAIN, WORKLOAD, "py_agent_driver:PrimeSieve:run")
                .orElseThrow()
                .lines())
        .contains(LineRange.of(55));
    assertThat(
            p2.nodeAt(MODULE, MAIN, WORKLOAD, "py_agent_driver:hash_chain")
                .orElseThrow()
                .selfCount(CounterTypes.WALL_TIME))
        .isEqualTo(27);
    assertThat(p2.totalCount(CounterTypes.WALL_TIME)).isEqualTo(130);
    assertThat(p2.maxDepth()).isEqualTo(23);

    Profile p3 = decode(Fixtures.PROFILE_3);
    assertThat(p3.agentMetadata().numTimesSampled()).hasValue(7);
    assertThat(p3.agentMetadata().durationInMs()).hasValue(9004);
    assertThat(p3.totalCount(CounterTypes.WALL_TIME)).isEqualTo(4);
    assertThat(p3.callTree().size() - 1).isEqualTo(9);
    assertThat(p3.agentMetadata().get("fleetInfo", "id"))
        .contains("b33b88d9-8419-4299-8d91-4178d1bec2c6");
    @SuppressWarnings("unchecked")
    Map<String, Object> errors =
        (Map<String, Object>)
            ((Map<String, Object>) p3.otherFields().get("debugInfo")).get("errorsCount");
    assertThat(errors)
        .containsEntry("configureAgentErrors", 1L)
        .containsEntry("postAgentProfileErrors", 0L);
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.PROFILE_1, Fixtures.PROFILE_2, Fixtures.PROFILE_3})
  void every_self_count_matches_an_independent_walk_of_the_pretty_json(String fixture)
      throws IOException {
    Profile p = decode(fixture);
    Map<String, Long> expected = selfCountsByPath(Fixtures.prettyJson(fixture));

    Map<String, Long> actual = new HashMap<>();
    for (LocatedNode n : p.walk()) {
      if (n.node().selfCount(CounterTypes.WALL_TIME) != 0) {
        actual.put(n.pathString(), n.node().selfCount(CounterTypes.WALL_TIME));
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(p.totalCount(CounterTypes.WALL_TIME))
        .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.PROFILE_1, Fixtures.PROFILE_2, Fixtures.PROFILE_3})
  void exact_body_and_pretty_json_decode_to_the_same_profile(String fixture) {
    assertThat(decode(fixture))
        .isEqualTo(CODEC.decode(Fixtures.prettyJson(fixture), ProfileFormat.JSON));
  }

  @ParameterizedTest
  @ValueSource(strings = {Fixtures.PROFILE_1, Fixtures.PROFILE_2, Fixtures.PROFILE_3})
  void reencoded_json_is_semantically_the_agents_json(String fixture) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    byte[] encoded = CODEC.encode(decode(fixture), ProfileFormat.JSON);
    assertThat(mapper.readTree(encoded)).isEqualTo(mapper.readTree(Fixtures.body(fixture)));
  }

  @Test
  void configure_agent_request_is_not_a_profile() {
    byte[] body = Fixtures.bytes("python-agent-configure-agent-request.body");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CODEC.decode(body, "application/json", null))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessage("$.start: the profile has no start (epoch milliseconds)")
        .extracting(e -> ((ProfileFormatException) e).problem())
        .isEqualTo(ProfileFormatException.Problem.MISSING_FIELD);
  }
}
