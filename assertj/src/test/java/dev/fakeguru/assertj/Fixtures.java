package dev.fakeguru.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.profile.CallTreeNode;
import dev.fakeguru.profile.LineRange;
import dev.fakeguru.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Test data: a small hand-made profile and the real Python agent fixtures. The fixtures are read
 * with Jackson (test scope only) into the model with {@link CallTreeNode.Builder}, because the
 * production codec lives elsewhere.
 */
final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /**
   *
   *
   * <pre>
   * main (45)            idle 55
   * ├─ handle 10 (40)
   * │  └─ queryDb 30
   * └─ render 5
   * </pre>
   */
  static Profile webApp() {
    return Profile.builder()
        .start(Instant.parse("2024-01-02T03:00:00Z"))
        .end(Instant.parse("2024-01-02T03:05:00Z"))
        .stack(30, "main", "handle", "queryDb")
        .stack(10, "main", "handle")
        .stack(5, "main", "render")
        .stack(55, "idle")
        .build();
  }

  /** The Python agent's first posted profile (163 WALL_TIME samples, a recursive fib). */
  static Profile pythonAgentProfile1() {
    return load("/fixtures/python-agent-profile-1.json");
  }

  static Profile load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return toProfile(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Profile toProfile(JsonNode json) {
    Profile.Builder profile =
        Profile.builder()
            .start(Instant.ofEpochMilli(json.get("start").asLong()))
            .end(Instant.ofEpochMilli(json.get("end").asLong()))
            .agentMetadata(MAPPER.convertValue(json.get("agentMetadata"), Map.class));
    CallTreeNode.Builder root = CallTreeNode.builder(CallTreeNode.ROOT_FRAME);
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, json.get("callgraph")});
    while (!stack.isEmpty()) {
      Object[] e = stack.pop();
      CallTreeNode.Builder into = (CallTreeNode.Builder) e[0];
      JsonNode node = (JsonNode) e[1];
      node.path("counts")
          .properties()
          .forEach(c -> into.addSelfCount(c.getKey(), c.getValue().asLong()));
      if (node.has("file")) {
        into.file(node.get("file").asText());
      }
      JsonNode line = node.path("line");
      if (line.isArray() && !line.isEmpty()) {
        into.lines(LineRange.of(line.get(0).asInt(), line.get(line.size() - 1).asInt()));
      }
      node.path("children")
          .properties()
          .forEach(c -> stack.push(new Object[] {into.child(c.getKey()), c.getValue()}));
    }
    return profile.callTree(root.build()).build();
  }
}
