package dev.fakeguru.internal.engine;

import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the fake received: every call, and every profile post, each in a log bounded by a configured
 * capacity, and both together by the bytes they hold (bodies, headers, and a fixed allowance per
 * entry); beyond either bound the oldest are evicted, and counted. Snapshots are immutable copies;
 * waiting for posts blocks on the journal's monitor. Thread-safe. Internal.
 */
public final class Journal {
  /** What one recorded entry costs beyond its bodies and headers (objects, maps, strings). */
  static final long ENTRY_OVERHEAD = 512;

  private final AtomicLong sequence = new AtomicLong();
  private final BoundedLog<RecordedCall> calls;
  private final BoundedLog<RecordedProfilePost> posts;
  private final long maxBytes;

  /** Absolute position in {@link #posts} of the next post {@link #takePost} hands out. */
  private long takePosition;

  public Journal(int maxCalls, int maxPosts, long maxBytes) {
    this.calls = new BoundedLog<>(maxCalls, Journal::bytesOf);
    this.posts = new BoundedLog<>(maxPosts, p -> ENTRY_OVERHEAD + p.bodySize());
    this.maxBytes = maxBytes;
  }

  private static long bytesOf(RecordedCall c) {
    long bytes = ENTRY_OVERHEAD + c.path().length();
    if (c instanceof Recordings.Call rc) {
      bytes += rc.bodyBytes().length;
    }
    for (Map.Entry<String, List<String>> h : c.headers().entrySet()) {
      bytes += h.getKey().length();
      for (String v : h.getValue()) {
        bytes += v.length();
      }
    }
    return bytes;
  }

  /** Evicts the oldest calls and posts, in arrival order, until both fit {@code maxBytes}. */
  private void evictOverBytes() {
    while (calls.weight() + posts.weight() > maxBytes) {
      RecordedCall call = calls.oldest();
      RecordedProfilePost post = posts.oldest();
      boolean evictCall = post == null || (call != null && call.sequence() <= post.sequence());
      if (!(evictCall ? calls.evictOldest() : posts.evictOldest())) {
        return;
      }
    }
  }

  /** The bytes the retained calls and posts hold, about. */
  public synchronized long retainedBytes() {
    return calls.weight() + posts.weight();
  }

  /** The bound on {@link #retainedBytes()}. */
  public long maxBytes() {
    return maxBytes;
  }

  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  /** Records a call and the post it carried (if any) in one step. */
  public synchronized void record(RecordedCall call, RecordedProfilePost post) {
    calls.add(call);
    if (post != null) {
      posts.add(post);
    }
    evictOverBytes();
    notifyAll();
  }

  public synchronized void record(RecordedProfilePost post) {
    posts.add(post);
    evictOverBytes();
    notifyAll();
  }

  public synchronized List<RecordedCall> calls() {
    return calls.snapshot(c -> true);
  }

  public synchronized List<RecordedCall> calls(Predicate<RecordedCall> filter) {
    return calls.snapshot(filter);
  }

  public synchronized long count(Operation op) {
    return calls.snapshot(c -> c.operation() == op).size();
  }

  public synchronized List<RecordedProfilePost> posts() {
    return posts.snapshot(p -> true);
  }

  public synchronized List<RecordedProfilePost> posts(Predicate<RecordedProfilePost> filter) {
    return posts.snapshot(filter);
  }

  /** How many calls are retained (not evicted). */
  public synchronized long retainedCalls() {
    return calls.endPosition() - calls.firstPosition();
  }

  /** How many posts are retained (not evicted). */
  public synchronized long retainedPosts() {
    return posts.endPosition() - posts.firstPosition();
  }

  public synchronized long evictedCalls() {
    return calls.evicted();
  }

  public synchronized long evictedPosts() {
    return posts.evicted();
  }

  /**
   * The next post not yet taken, waiting up to {@code timeout}; null on time-out. Evicted posts are
   * skipped.
   */
  public synchronized RecordedProfilePost takePost(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (Math.max(takePosition, posts.firstPosition()) >= posts.endPosition()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    takePosition = Math.max(takePosition, posts.firstPosition());
    return posts.at(takePosition++);
  }

  /**
   * Waits until at least {@code n} retained posts satisfy {@code filter}; returns them, or null on
   * time-out (the caller then lists what did arrive).
   */
  public synchronized List<RecordedProfilePost> awaitPosts(
      Predicate<RecordedProfilePost> filter, int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<RecordedProfilePost> matching = posts.snapshot(filter);
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
    takePosition = 0;
    sequence.set(0);
  }
}
