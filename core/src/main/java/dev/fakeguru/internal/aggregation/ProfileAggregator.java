package dev.fakeguru.internal.aggregation;
import dev.fakeguru.profile.Profile; import java.time.*; import java.util.*; import java.util.concurrent.*;
public final class ProfileAggregator { final Clock c; final Map<String, List<Profile>> m = new ConcurrentHashMap<>();
  public ProfileAggregator(Clock c) { this.c = c; }
  public synchronized void add(String g, Profile p) { m.computeIfAbsent(g, k -> new ArrayList<>()).add(p); }
  public void dropGroup(String g) { m.remove(g); } public void clear() { m.clear(); }
  public synchronized List<Instant> profileTimes(String g, AggregationPeriod p, Instant from, Instant to) { TreeSet<Instant> s = new TreeSet<>(); for (Profile x : m.getOrDefault(g, List.of())) { Instant b = p.bucketStart(x.start()); if (!b.isBefore(from) && b.isBefore(to)) s.add(b);} return new ArrayList<>(s); }
  public synchronized Optional<Profile> aggregate(String g, Instant from, Instant to) { Profile r = null; for (Profile x : m.getOrDefault(g, List.of())) { Instant b = AggregationPeriod.PT5M.bucketStart(x.start()); if (b.plus(Duration.ofMinutes(5)).isAfter(from) && b.isBefore(to)) r = r == null ? x : r.merge(x);} return Optional.ofNullable(r); }
  public Optional<Profile> latest(String g, AggregationPeriod p) { return Optional.empty(); }
  public Optional<Instant> latestBucketStart(String g, AggregationPeriod p) { return Optional.empty(); } }
