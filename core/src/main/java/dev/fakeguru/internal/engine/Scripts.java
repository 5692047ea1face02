package dev.fakeguru.internal.engine;

import dev.fakeguru.scripting.AgentConfiguration;
import dev.fakeguru.scripting.ScriptedProfileResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scripted answers: FIFO queues per profiling group (and a catch-all, keyed by null) for GetProfile
 * and ConfigureAgent, fixed GetProfile answers for exact ranges, a GetProfile fallback, and
 * ConfigureAgent schedules (a group's answer from an instant on, on the fake's clock; queued
 * answers come first). Thread-safe. Internal.
 */
public final class Scripts {
  private final Map<String, Deque<ScriptedProfileResponse>> profileQueues = new LinkedHashMap<>();
  private final Map<String, Deque<AgentConfiguration>> configureQueues = new LinkedHashMap<>();
  private final Map<RangeKey, ScriptedProfileResponse> rangeAnswers = new LinkedHashMap<>();
  private final Map<String, NavigableMap<Instant, AgentConfiguration>> configureSchedules =
      new LinkedHashMap<>();
  private ScriptedProfileResponse profileFallback;

  private record RangeKey(String group, Instant start, Instant end) {}

  public synchronized void enqueueProfile(String group, ScriptedProfileResponse r) {
    profileQueues.computeIfAbsent(group, g -> new ArrayDeque<>()).add(r);
  }

  public synchronized void enqueueConfiguration(String group, AgentConfiguration c) {
    configureQueues.computeIfAbsent(group, g -> new ArrayDeque<>()).add(c);
  }

  public synchronized void answerRange(
      String group, Instant start, Instant end, ScriptedProfileResponse r) {
    rangeAnswers.put(new RangeKey(group, start, end), r);
  }

  public synchronized void setProfileFallback(ScriptedProfileResponse r) {
    profileFallback = r;
  }

  /** The scripted GetProfile answer for this call, consuming a queued one if any. */
  public synchronized Optional<ScriptedProfileResponse> nextProfile(
      String group, Instant from, Instant to) {
    ScriptedProfileResponse r = poll(profileQueues, group);
    if (r == null) {
      r = rangeAnswers.get(new RangeKey(group, from, to));
    }
    if (r == null) {
      r = rangeAnswers.get(new RangeKey(null, from, to));
    }
    if (r == null) {
      r = profileFallback;
    }
    return Optional.ofNullable(r);
  }

  /**
   * From {@code from} on (until a later entry), ConfigureAgent for {@code group} answers {@code c}
   * when no queued answer applies.
   */
  public synchronized void scheduleConfiguration(String group, Instant from, AgentConfiguration c) {
    configureSchedules.computeIfAbsent(group, g -> new TreeMap<>()).put(from, c);
  }

  /** Forgets the group's ConfigureAgent schedule. */
  public synchronized void clearSchedule(String group) {
    configureSchedules.remove(group);
  }

  /**
   * The scripted ConfigureAgent answer at {@code now}: a queued one (consumed), or the schedule.
   */
  public synchronized Optional<AgentConfiguration> nextConfiguration(String group, Instant now) {
    AgentConfiguration queued = poll(configureQueues, group);
    if (queued != null) {
      return Optional.of(queued);
    }
    NavigableMap<Instant, AgentConfiguration> schedule = configureSchedules.get(group);
    Map.Entry<Instant, AgentConfiguration> entry =
        schedule == null ? null : schedule.floorEntry(now);
    return Optional.ofNullable(entry == null ? null : entry.getValue());
  }

  private static <T> T poll(Map<String, Deque<T>> queues, String group) {
    Deque<T> own = queues.get(group);
    if (own != null && !own.isEmpty()) {
      return own.poll();
    }
    Deque<T> any = queues.get(null);
    return any == null ? null : any.poll();
  }

  /** What was queued and never served, described for failure messages. */
  public synchronized List<String> unconsumed() {
    List<String> out = new ArrayList<>();
    profileQueues.forEach((g, q) -> q.forEach(r -> out.add(r + " for " + describe(g))));
    configureQueues.forEach(
        (g, q) -> q.forEach(c -> out.add("ConfigureAgent answer " + c + " for " + describe(g))));
    return out;
  }

  private static String describe(String group) {
    return group == null ? "any profiling group" : "profiling group '" + group + "'";
  }

  public synchronized void clear() {
    profileQueues.clear();
    configureQueues.clear();
    rangeAnswers.clear();
    configureSchedules.clear();
    profileFallback = null;
  }
}
