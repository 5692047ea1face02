package dev.fakeguru.internal.engine;

import dev.fakeguru.findings.Anomaly;
import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.FindingsReport;
import dev.fakeguru.findings.Recommendation;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.internal.engine.FindingsReports.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the fake "found", as tests script it: per profiling group, recommendations and anomalies,
 * the feedback their anomaly instances received, and the reports derived from them; plus the
 * feedback calls and the notifications the service would have sent, each in a log bounded like the
 * journal. Findings belong to the group object they were scripted for: a group deleted and created
 * again starts without any, and a caller still holding the deleted group changes nothing.
 * Thread-safe: every method holds this object's monitor. Internal.
 */
public final class Findings {
  /** The longest span a finding may cover; it bounds the daily reports one finding makes. */
  public static final Duration MAX_SPAN = Duration.ofDays(31);

  /** Writes the message a channel would get about one anomaly instance; the wire knows how. */
  @FunctionalInterface
  public interface NotificationWriter {
    /**
     * The payload for {@code anomaly}, which holds just the notified instance.
     *
     * @return JSON text
     */
    String payload(GroupState group, GroupState.Channel channel, Anomaly anomaly);
  }

  /** The recommendations and anomalies a range overlaps, anomalies with those instances only. */
  public record Found(List<Recommendation> recommendations, List<Anomaly> anomalies) {
    public int size() {
      return recommendations.size() + anomalies.size();
    }
  }

  private static final class GroupFindings {
    final GroupState owner;
    final List<Recommendation> recommendations = new ArrayList<>();
    final List<Anomaly> anomalies = new ArrayList<>();
    final Map<String, FeedbackType> feedback = new HashMap<>();

    GroupFindings(GroupState owner) {
      this.owner = owner;
    }

    boolean hasInstance(String id) {
      return anomalies.stream()
          .flatMap(a -> a.instances().stream())
          .anyMatch(i -> i.id().equals(id));
    }
  }

  private final Clock clock;
  private final Predicate<GroupState> exists;
  private final Map<String, GroupFindings> byGroup = new HashMap<>();
  private final BoundedLog<RecordedFeedback> feedback;
  private final BoundedLog<RecordedNotification> notifications;
  private NotificationWriter writer;

  /**
   * Findings read by {@code clock}, with feedback and notifications bounded by {@code maxRecorded}.
   *
   * @param exists whether a group object is the registry's current group of its name
   */
  Findings(Clock clock, int maxRecorded, Predicate<GroupState> exists) {
    this.clock = clock;
    this.exists = exists;
    this.feedback = new BoundedLog<>(maxRecorded);
    this.notifications = new BoundedLog<>(maxRecorded);
  }

  /** Renders notification payloads with {@code w} from now on. */
  public synchronized void writeNotificationsWith(NotificationWriter w) {
    this.writer = w;
  }

  /**
   * Adds a recommendation to {@code group}.
   *
   * @throws IllegalArgumentException if it spans more than {@link #MAX_SPAN}
   */
  public synchronized void addRecommendation(GroupState group, Recommendation r) {
    requireSpan(r.startTime(), r.endTime());
    of(group).recommendations.add(r);
  }

  /**
   * Adds an anomaly to {@code group} and records a notification per instance for each of the
   * group's channels.
   *
   * @return the notifications recorded
   * @throws IllegalArgumentException if an instance spans more than {@link #MAX_SPAN} or has the id
   *     of an instance the group already has
   */
  public synchronized List<RecordedNotification> addAnomaly(GroupState group, Anomaly a) {
    GroupFindings f = of(group);
    for (AnomalyInstance i : a.instances()) {
      i.endTime().ifPresent(end -> requireSpan(i.startTime(), end));
      if (f.hasInstance(i.id())) {
        throw new IllegalArgumentException(
            "Profiling group '" + group.name() + "' already has an anomaly instance " + i.id());
      }
    }
    List<GroupState.Channel> channels = group.channels();
    if (!channels.isEmpty() && writer == null) {
      throw new IllegalStateException("no notification writer: the composition root sets one");
    }
    Instant now = clock.instant();
    List<RecordedNotification> sent = new ArrayList<>();
    for (GroupState.Channel c : channels) {
      if (!c.eventPublishers().contains(RecordedNotification.ANOMALY_DETECTION)) {
        continue;
      }
      for (AnomalyInstance i : a.instances()) {
        sent.add(
            new Recordings.Notification(
                group.name(),
                c.id(),
                c.uri(),
                RecordedNotification.ANOMALY_DETECTION,
                i.id(),
                writer.payload(group, c, a.withInstances(List.of(i))),
                now));
      }
    }
    f.anomalies.add(a);
    sent.forEach(notifications::add);
    return sent;
  }

  private static void requireSpan(Instant start, Instant end) {
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException(
          "A finding may span at most 31 days, but " + start + " to " + end + " is longer");
    }
  }

  /** The group's recommendations, in the order added. */
  public synchronized List<Recommendation> recommendations(GroupState group) {
    return List.copyOf(peek(group).recommendations);
  }

  /** The group's anomalies, in the order added, with the latest feedback of each instance. */
  public synchronized List<Anomaly> anomalies(GroupState group) {
    GroupFindings f = peek(group);
    List<Anomaly> out = new ArrayList<>();
    for (Anomaly a : f.anomalies) {
      out.add(a.withInstances(a.instances().stream().map(i -> withFeedback(f, i)).toList()));
    }
    return out;
  }

  /** What overlaps {@code [from, to)}: the recommendations and the anomaly instances. */
  public synchronized Found overlapping(GroupState group, Instant from, Instant to) {
    return overlapping(peek(group), from, to, clock.instant());
  }

  private static Found overlapping(GroupFindings f, Instant from, Instant to, Instant now) {
    List<Recommendation> recommendations = new ArrayList<>();
    for (Recommendation r : f.recommendations) {
      if (new Span(r.startTime(), r.endTime()).overlaps(from, to)) {
        recommendations.add(r);
      }
    }
    List<Anomaly> anomalies = new ArrayList<>();
    for (Anomaly a : f.anomalies) {
      List<AnomalyInstance> instances =
          a.instances().stream()
              .filter(i -> span(i, now).overlaps(from, to))
              .map(i -> withFeedback(f, i))
              .toList();
      if (!instances.isEmpty()) {
        anomalies.add(a.withInstances(instances));
      }
    }
    return new Found(recommendations, anomalies);
  }

  private static AnomalyInstance withFeedback(GroupFindings f, AnomalyInstance i) {
    FeedbackType type = f.feedback.get(i.id());
    return type == null ? i : i.withUserFeedback(type);
  }

  /** An instance's span; one without an end goes on until now, for at most {@link #MAX_SPAN}. */
  private static Span span(AnomalyInstance i, Instant now) {
    if (i.endTime().isPresent()) {
      return new Span(i.startTime(), i.endTime().get());
    }
    Instant cap = i.startTime().plus(MAX_SPAN);
    Instant end = now.isBefore(i.startTime()) ? i.startTime() : now.isAfter(cap) ? cap : now;
    return new Span(i.startTime(), end);
  }

  /** The group's reports, by start, then end, then id. */
  public synchronized List<FindingsReport> reports(GroupState group) {
    GroupFindings f = peek(group);
    Instant now = clock.instant();
    List<Span> scripted = new ArrayList<>();
    List<Span> all = new ArrayList<>();
    for (Recommendation r : f.recommendations) {
      scripted.add(new Span(r.startTime(), r.endTime()));
    }
    for (Anomaly a : f.anomalies) {
      for (AnomalyInstance i : a.instances()) {
        if (i.endTime().isPresent()) {
          scripted.add(span(i, now));
        } else {
          all.add(span(i, now));
        }
      }
    }
    all.addAll(scripted);
    return FindingsReports.of(
        group.name(), scripted, all, (from, to) -> overlapping(f, from, to, now).size());
  }

  /**
   * The latest report of each group that has one (by end, then start), in the order of {@code
   * groups}.
   */
  public synchronized List<FindingsReport> latestReports(
      Collection<GroupState> groups, boolean dailyOnly) {
    List<FindingsReport> out = new ArrayList<>();
    for (GroupState g : groups) {
      reports(g).stream()
          .filter(r -> !dailyOnly || r.daily())
          .max(
              Comparator.comparing(FindingsReport::profileEndTime)
                  .thenComparing(FindingsReport::profileStartTime))
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * Records feedback on an anomaly instance of {@code group}.
   *
   * @return false if the group has no such instance
   */
  public synchronized boolean submitFeedback(
      GroupState group, String instanceId, FeedbackType type, String comment, long sequence) {
    GroupFindings f = peek(group);
    if (!f.hasInstance(instanceId)) {
      return false;
    }
    f.feedback.put(instanceId, type);
    feedback.add(
        new Recordings.Feedback(
            sequence,
            group.name(),
            instanceId,
            type,
            Optional.ofNullable(comment),
            clock.instant()));
    return true;
  }

  /** The feedback received, oldest first. */
  public synchronized List<RecordedFeedback> feedback() {
    return feedback.snapshot(x -> true);
  }

  /** The notifications recorded, oldest first. */
  public synchronized List<RecordedNotification> notifications() {
    return notifications.snapshot(x -> true);
  }

  /** Forgets the findings of the group of that name. */
  synchronized void dropGroup(String name) {
    byGroup.remove(name);
  }

  synchronized void clear() {
    byGroup.clear();
    feedback.clear();
    notifications.clear();
  }

  /**
   * The findings of this group object, to change them; those of an earlier group of the same name
   * are dropped.
   *
   * @throws IllegalArgumentException if the group was deleted
   */
  private GroupFindings of(GroupState group) {
    if (!exists.test(group)) {
      throw new IllegalArgumentException(
          "Profiling group '" + group.name() + "' was deleted; create it again first");
    }
    GroupFindings f = byGroup.get(group.name());
    if (f == null || f.owner != group) {
      f = new GroupFindings(group);
      byGroup.put(group.name(), f);
    }
    return f;
  }

  /** The findings of this group object, to read them: none if it has none or was deleted. */
  private GroupFindings peek(GroupState group) {
    GroupFindings f = byGroup.get(group.name());
    return f != null && f.owner == group ? f : new GroupFindings(group);
  }
}
