package dev.fakeguru.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The {@code agentMetadata} object of a profile, kept as a read-only tree of plain Java values so
 * that nothing an agent sends is lost: {@code String}, {@code Boolean}, {@code Long}, {@code
 * BigInteger}, {@code Double}, {@code BigDecimal}, {@code List<Object>}, {@code Map<String,
 * Object>} and {@code null}.
 *
 * <p>Typed accessors cover the fields the fake itself uses ({@code sampleWeights}, {@code
 * durationInMs}, {@code numTimesSampled}, {@code agentInfo.type}); everything else is reachable
 * with {@link #get(String...)}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * AgentMetadata m = profile.agentMetadata();
 * m.get("fleetInfo", "id");           // Optional[2fb079f2-...]
 * m.durationInMs();                   // OptionalLong[10016]
 * m.sampleWeights().get("WALL_TIME"); // 8.885...
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class AgentMetadata {
  private static final AgentMetadata EMPTY = new AgentMetadata(Map.of());

  private final Map<String, Object> values;

  private AgentMetadata(Map<String, Object> values) {
    this.values = values;
  }

  /** Metadata with no fields. */
  public static AgentMetadata empty() {
    return EMPTY;
  }

  /**
   * Metadata holding a deep, read-only copy of {@code values}. Integers are normalised to {@code
   * Long} (or {@code BigInteger} when too large) and floats to {@code Double}.
   *
   * @throws IllegalArgumentException if a value is of another type
   */
  public static AgentMetadata of(Map<String, ?> values) {
    if (values == null || values.isEmpty()) {
      return EMPTY;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) freeze(values, "agentMetadata");
    return new AgentMetadata(copy);
  }

  /** The whole tree, read-only, in the order the fields were given. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** Whether there are no fields. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The value at a path of object keys, e.g. {@code get("agentInfo", "type")}. */
  public Optional<Object> get(String... path) {
    Object at = values;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> m) || !m.containsKey(key)) {
        return Optional.empty();
      }
      at = m.get(key);
    }
    return Optional.ofNullable(at);
  }

  /** {@code sampleWeights}: counter type to weight; empty when absent. */
  public Map<String, Double> sampleWeights() {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (get("sampleWeights").orElse(null) instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (v instanceof Number n) {
              weights.put(String.valueOf(k), n.doubleValue());
            }
          });
    }
    return Collections.unmodifiableMap(weights);
  }

  /** {@code durationInMs}, when present and a whole number. */
  public OptionalLong durationInMs() {
    return longAt("durationInMs");
  }

  /** {@code numTimesSampled}, when present and a whole number. */
  public OptionalLong numTimesSampled() {
    return longAt("numTimesSampled");
  }

  /** {@code agentInfo.type}, e.g. {@code CodeGuruProfiler-python}. */
  public Optional<String> agentType() {
    return get("agentInfo", "type").filter(String.class::isInstance).map(String.class::cast);
  }

  private OptionalLong longAt(String key) {
    Object v = values.get(key);
    if (v instanceof Long l) {
      return OptionalLong.of(l);
    }
    // Only doubles that are whole and inside the long range; 1e30 must not saturate to
    // Long.MAX_VALUE.
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
      return OptionalLong.of(d.longValue());
    }
    return OptionalLong.empty();
  }

  /**
   * The metadata of an aggregate of this profile and another: the fields of this one, with {@code
   * durationInMs} and {@code numTimesSampled} summed over both (the other fields describe one agent
   * and cannot be meaningfully combined).
   */
  public AgentMetadata mergedWith(AgentMetadata other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Map<String, Object> merged = new LinkedHashMap<>(values);
    for (String key : List.of("durationInMs", "numTimesSampled")) {
      OptionalLong a = longAt(key);
      OptionalLong b = other.longAt(key);
      if (a.isPresent() || b.isPresent()) {
        merged.put(key, saturatedAdd(a.orElse(0), b.orElse(0)));
      }
    }
    return new AgentMetadata(Collections.unmodifiableMap(merged));
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  private static Object freeze(Object value, String where) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        copy.put(key, freeze(e.getValue(), where + "." + key));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (int i = 0; i < l.size(); i++) {
        copy.add(freeze(l.get(i), where + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        where + " holds a " + value.getClass().getName() + "; metadata values must be JSON-like");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentMetadata other && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
