package dev.fakeguru.server;

import com.amazon.ion.IonDatagram;
import com.amazon.ion.IonInt;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonSystem;
import com.amazon.ion.IonValue;
import com.amazon.ion.system.IonSystemBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a GetProfile answer with ion-java's DOM or Jackson's tree, without FakeGuru's codec, and
 * sums the self counts of its call graph per counter type: a check of what the fake wrote that does
 * not go through the code that wrote it.
 */
final class IndependentProfileReader {
  private static final IonSystem ION = IonSystemBuilder.standard().build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private IndependentProfileReader() {}

  /** The summed counts of an Ion (text or binary) profile. */
  static Map<String, Long> ionTotals(byte[] body) {
    IonDatagram datagram = ION.getLoader().load(body);
    if (datagram.size() != 1 || !(datagram.get(0) instanceof IonStruct profile)) {
      throw new AssertionError("not one Ion struct: " + datagram);
    }
    if (profile.get("start") == null || profile.get("end") == null) {
      throw new AssertionError("no start or end: " + profile);
    }
    Map<String, Long> totals = new TreeMap<>();
    Deque<IonValue> nodes = new ArrayDeque<>();
    nodes.push(profile.get("callgraph"));
    while (!nodes.isEmpty()) {
      IonStruct node = (IonStruct) nodes.pop();
      if (node.get("counts") instanceof IonStruct counts) {
        for (IonValue count : counts) {
          totals.merge(count.getFieldName(), ((IonInt) count).longValue(), Long::sum);
        }
      }
      if (node.get("children") instanceof IonStruct children) {
        children.forEach(nodes::push);
      }
    }
    return totals;
  }

  /** The summed counts of a JSON profile. */
  static Map<String, Long> jsonTotals(byte[] body) {
    JsonNode profile;
    try {
      profile = JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!profile.has("start") || !profile.has("end")) {
      throw new AssertionError("no start or end: " + profile);
    }
    Map<String, Long> totals = new TreeMap<>();
    Deque<JsonNode> nodes = new ArrayDeque<>();
    nodes.push(profile.path("callgraph"));
    while (!nodes.isEmpty()) {
      JsonNode node = nodes.pop();
      node.path("counts")
          .properties()
          .forEach(c -> totals.merge(c.getKey(), c.getValue().asLong(), Long::sum));
      node.path("children").forEach(nodes::push);
    }
    return totals;
  }
}
