package dev.fakeguru.internal.server;

import dev.fakeguru.Operation;
import dev.fakeguru.RecordedCall;
import dev.fakeguru.RecordedProfilePost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the fake received: every call, and every profile post. Snapshots are immutable copies; waiting
 * for posts blocks on the journal's monitor. Thread-safe. Internal.
 */
public final class Journal {
  private final AtomicLong sequence = new AtomicLong();
  private final List<RecordedCall> calls = new ArrayList<>();
  private final List<RecordedProfilePost> posts = new ArrayList<>();
  /** Index into {@link #posts} of the next post {@link #takePost} hands out. */
  private int takeCursor;

  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  public synchronized void record(RecordedCall call) {
    calls.add(call);
    notifyAll();
  }

  public synchronized void record(RecordedProfilePost post) {
    posts.add(post);
    notifyAll();
  }

  public synchronized List<RecordedCall> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<RecordedCall> calls(Predicate<RecordedCall> filter) {
    return calls.stream().filter(filter).toList();
  }

  public synchronized long count(Operation op) {
    return calls.stream().filter(c -> c.operation() == op).count();
  }

  public synchronized List<RecordedProfilePost> posts() {
    return List.copyOf(posts);
  }

  /** The next post not yet taken, waiting up to {@code timeout}; null on time-out. */
  public synchronized RecordedProfilePost takePost(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (takeCursor >= posts.size()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return posts.get(takeCursor++);
  }

  /**
   * Waits until at least {@code n} posts satisfy {@code filter}; returns them, or null on time-out (the
   * caller then lists what did arrive).
   */
  public synchronized List<RecordedProfilePost> awaitPosts(
      Predicate<RecordedProfilePost> filter, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<RecordedProfilePost> matching = posts.stream().filter(filter).toList();
      if (matching.size() >= n) {
        return matching;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public synchronized void clear() {
    calls.clear();
    posts.clear();
    takeCursor = 0;
    sequence.set(0);
  }
}
