package dev.fakeguru.internal.aggregation;
import java.time.*; import java.util.*;
public enum AggregationPeriod { PT5M(Duration.ofMinutes(5), Duration.ofDays(15)), PT1H(Duration.ofHours(1), Duration.ofDays(60)), P1D(Duration.ofDays(1), Duration.ofDays(3*365));
  final Duration d, r; AggregationPeriod(Duration d, Duration r) { this.d = d; this.r = r; }
  public Duration duration() { return d; } public Duration retention() { return r; }
  public Instant bucketStart(Instant t) { long s = d.getSeconds(); return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s); }
  public static Optional<AggregationPeriod> fromWire(String s) { for (AggregationPeriod p : values()) if (p.name().equals(s)) return Optional.of(p); return Optional.empty(); } }
