package dev.fakeguru.internal.engine;

import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The factories of the recorded values the public API hands out: {@link RecordedCall} and {@link
 * RecordedProfilePost} have no public constructor, so only the engine makes them. Internal.
 */
public final class Recordings {
  private static final byte[] NO_BODY = new byte[0];

  private Recordings() {}

  /** What one call looked like and how it was answered. */
  public record CallFacts(
      long sequence,
      Operation operation,
      String profilingGroup,
      String method,
      String path,
      Map<String, List<String>> queryParameters,
      Map<String, List<String>> headers,
      byte[] body,
      int status,
      String errorType,
      boolean faultInjected,
      Instant receivedAt) {}

  /** A recorded call; a PostAgentProfile's body is kept once, in its post. */
  public static RecordedCall call(CallFacts f) {
    byte[] body = f.operation() == Operation.POST_AGENT_PROFILE ? NO_BODY : f.body().clone();
    return new Call(f, Map.copyOf(f.queryParameters()), Map.copyOf(f.headers()), body);
  }

  /** What one post looked like: the request's members as sent. */
  public record PostFacts(
      long sequence,
      String profilingGroup,
      String profileToken,
      String contentType,
      String contentEncoding,
      byte[] body,
      Instant receivedAt) {}

  /**
   * A post whose body decoded with {@code limits} and is decoded again from its bytes when asked for.
   * {@code body} is kept, not copied: the caller hands it over.
   */
  public static RecordedProfilePost decodedPost(PostFacts f, CodecLimits limits, boolean stored) {
    return new Post(f, Objects.requireNonNull(limits, "limits"), null, stored);
  }

  /** A post whose body did not decode, or that was refused before it was decoded. */
  public static RecordedProfilePost undecodedPost(PostFacts f, String failure) {
    return new Post(f, null, Objects.requireNonNull(failure, "failure"), false);
  }

  private record Call(
      CallFacts facts, Map<String, List<String>> queryParameters, Map<String, List<String>> headers, byte[] copy)
      implements RecordedCall {
    @Override
    public long sequence() {
      return facts.sequence();
    }

    @Override
    public Operation operation() {
      return facts.operation();
    }

    @Override
    public Optional<String> profilingGroup() {
      return Optional.ofNullable(facts.profilingGroup());
    }

    @Override
    public String method() {
      return facts.method();
    }

    @Override
    public String path() {
      return facts.path();
    }

    @Override
    public byte[] body() {
      return copy.clone();
    }

    @Override
    public int status() {
      return facts.status();
    }

    @Override
    public Optional<String> errorType() {
      return Optional.ofNullable(facts.errorType());
    }

    @Override
    public boolean faultInjected() {
      return facts.faultInjected();
    }

    @Override
    public Instant receivedAt() {
      return facts.receivedAt();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Call c && c.facts.sequence() == facts.sequence() && c.facts.receivedAt().equals(facts.receivedAt());
    }

    @Override
    public int hashCode() {
      return Long.hashCode(facts.sequence());
    }

    @Override
    public String toString() {
      return "#" + facts.sequence() + " " + facts.operation()
          + (facts.profilingGroup() == null ? "" : "(" + facts.profilingGroup() + ")")
          + " " + facts.method() + " " + facts.path() + " -> " + facts.status()
          + (facts.errorType() == null ? "" : " " + facts.errorType())
          + (facts.faultInjected() ? " (injected)" : "");
    }
  }

  private static final class Post implements RecordedProfilePost {
    private final PostFacts facts;
    /** Decodes the body again; null when it could not be decoded. */
    private final CodecLimits limits;
    private final String failure;
    private final boolean stored;
    private volatile SoftReference<Profile> decoded;

    Post(PostFacts facts, CodecLimits limits, String failure, boolean stored) {
      this.facts = facts;
      this.limits = limits;
      this.failure = failure;
      this.stored = stored;
    }

    @Override
    public long sequence() {
      return facts.sequence();
    }

    @Override
    public String profilingGroup() {
      return facts.profilingGroup();
    }

    @Override
    public Optional<String> profileToken() {
      return Optional.ofNullable(facts.profileToken());
    }

    @Override
    public Optional<String> contentType() {
      return Optional.ofNullable(facts.contentType());
    }

    @Override
    public Optional<String> contentEncoding() {
      return Optional.ofNullable(facts.contentEncoding());
    }

    @Override
    public byte[] body() {
      return facts.body().clone();
    }

    @Override
    public int bodySize() {
      return facts.body().length;
    }

    @Override
    public boolean hasProfile() {
      return limits != null;
    }

    @Override
    public Optional<Profile> profile() {
      if (limits == null) {
        return Optional.empty();
      }
      SoftReference<Profile> ref = decoded;
      Profile p = ref == null ? null : ref.get();
      if (p == null) {
        p = ProfileDecoder.decode(facts.body(), facts.contentType(), facts.contentEncoding(), limits);
        decoded = new SoftReference<>(p);
      }
      return Optional.of(p);
    }

    @Override
    public Optional<String> decodeFailure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public boolean stored() {
      return stored;
    }

    @Override
    public Instant receivedAt() {
      return facts.receivedAt();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Post p && p.facts.sequence() == facts.sequence();
    }

    @Override
    public int hashCode() {
      return Long.hashCode(facts.sequence());
    }

    @Override
    public String toString() {
      return "#" + facts.sequence() + " " + facts.profilingGroup()
          + (facts.profileToken() == null ? "" : " token=" + facts.profileToken())
          + " " + (facts.contentType() == null ? "(no content type)" : facts.contentType())
          + " " + facts.body().length + " bytes"
          + (stored ? "" : " (not stored)")
          + (failure == null ? "" : " undecodable: " + failure);
    }
  }
}
