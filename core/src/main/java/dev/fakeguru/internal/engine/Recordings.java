package dev.fakeguru.internal.engine;

import dev.fakeguru.findings.FeedbackType;
import dev.fakeguru.findings.RecordedFeedback;
import dev.fakeguru.findings.RecordedNotification;
import dev.fakeguru.internal.codec.ProfileDecoder;
import dev.fakeguru.profile.CodecLimits;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import java.lang.ref.SoftReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recorded values the public API hands out: {@link RecordedCall}, {@link RecordedProfilePost},
 * {@link RecordedFeedback} and {@link RecordedNotification} are interfaces with no public
 * implementation, so only the engine makes them. Internal.
 */
public final class Recordings {
  private static final byte[] NO_BODY = new byte[0];

  private Recordings() {}

  /** What the signature check made of a call. */
  public enum Signature {
    /** The fake accepts any signature, or none: it was not checked. */
    NOT_CHECKED,
    /** Checked and valid. */
    VALID,
    /** Checked and refused (the call's status and error type say why). */
    REFUSED
  }

  /**
   * A recorded call, exactly as the public {@link RecordedCall} describes it, plus two facts the
   * agent conformance checker reads: the signature check's outcome and, for a ConfigureAgent that
   * the agent received intact, the configuration it was answered. The compact constructor copies
   * the collections and keeps a PostAgentProfile's body once, in its post.
   */
  public record Call(
      long sequence,
      Operation operation,
      Optional<String> profilingGroup,
      String method,
      String path,
      Map<String, List<String>> queryParameters,
      Map<String, List<String>> headers,
      byte[] bodyBytes,
      int status,
      Optional<String> errorType,
      boolean faultInjected,
      Instant receivedAt,
      Signature signature,
      Optional<AgentConfiguration> answeredConfiguration)
      implements RecordedCall {

    public Call {
      queryParameters = Map.copyOf(queryParameters);
      headers = Map.copyOf(headers);
      bodyBytes = operation == Operation.POST_AGENT_PROFILE ? NO_BODY : bodyBytes.clone();
    }

    @Override
    public byte[] body() {
      return bodyBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Call c && c.sequence == sequence && c.receivedAt.equals(receivedAt);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
      return "#"
          + sequence
          + " "
          + operation
          + profilingGroup.map(g -> "(" + g + ")").orElse("")
          + " "
          + method
          + " "
          + path
          + " -> "
          + status
          + errorType.map(e -> " " + e).orElse("")
          + (faultInjected ? " (injected)" : "");
    }
  }

  /** Feedback accepted by SubmitFeedback, exactly as the public {@link RecordedFeedback} says. */
  public record Feedback(
      long sequence,
      String profilingGroup,
      String anomalyInstanceId,
      FeedbackType type,
      Optional<String> comment,
      Instant receivedAt)
      implements RecordedFeedback {

    @Override
    public String toString() {
      return "#"
          + sequence
          + " "
          + type.wireName()
          + " on "
          + anomalyInstanceId
          + " of "
          + profilingGroup
          + comment.map(c -> " (" + c + ")").orElse("");
    }
  }

  /** A notification, exactly as the public {@link RecordedNotification} describes it. */
  public record Notification(
      String profilingGroup,
      String channelId,
      String channelUri,
      String eventType,
      String anomalyInstanceId,
      String payload,
      Instant recordedAt)
      implements RecordedNotification {

    @Override
    public String toString() {
      return eventType
          + " of "
          + profilingGroup
          + " to "
          + channelUri
          + " about "
          + anomalyInstanceId;
    }
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
   * A post whose body decoded with {@code limits} and is decoded again from its bytes when asked
   * for. {@code body} is kept, not copied: the caller hands it over.
   */
  public static RecordedProfilePost decodedPost(PostFacts f, CodecLimits limits, boolean stored) {
    return new Post(f, Objects.requireNonNull(limits, "limits"), null, stored);
  }

  /** A post whose body did not decode, or that was refused before it was decoded. */
  public static RecordedProfilePost undecodedPost(PostFacts f, String failure) {
    return new Post(f, null, Objects.requireNonNull(failure, "failure"), false);
  }

  private static final class Post implements RecordedProfilePost {
    private final long sequence;
    private final String profilingGroup;
    private final Optional<String> profileToken;
    private final Optional<String> contentType;
    private final Optional<String> contentEncoding;
    private final byte[] body;
    private final Instant receivedAt;

    /** Decodes the body again; null when it could not be decoded. */
    private final CodecLimits limits;

    private final Optional<String> decodeFailure;
    private final boolean stored;
    private volatile SoftReference<Profile> decoded;

    Post(PostFacts f, CodecLimits limits, String failure, boolean stored) {
      this.sequence = f.sequence();
      this.profilingGroup = f.profilingGroup();
      this.profileToken = Optional.ofNullable(f.profileToken());
      this.contentType = Optional.ofNullable(f.contentType());
      this.contentEncoding = Optional.ofNullable(f.contentEncoding());
      this.body = f.body();
      this.receivedAt = f.receivedAt();
      this.limits = limits;
      this.decodeFailure = Optional.ofNullable(failure);
      this.stored = stored;
    }

    @Override
    public long sequence() {
      return sequence;
    }

    @Override
    public String profilingGroup() {
      return profilingGroup;
    }

    @Override
    public Optional<String> profileToken() {
      return profileToken;
    }

    @Override
    public Optional<String> contentType() {
      return contentType;
    }

    @Override
    public Optional<String> contentEncoding() {
      return contentEncoding;
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public int bodySize() {
      return body.length;
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
        p =
            ProfileDecoder.decode(
                body, contentType.orElse(null), contentEncoding.orElse(null), limits);
        decoded = new SoftReference<>(p);
      }
      return Optional.of(p);
    }

    @Override
    public Optional<String> decodeFailure() {
      return decodeFailure;
    }

    @Override
    public boolean stored() {
      return stored;
    }

    @Override
    public Instant receivedAt() {
      return receivedAt;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Post p && p.sequence == sequence;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(sequence);
    }

    @Override
    public String toString() {
      return "#"
          + sequence
          + " "
          + profilingGroup
          + profileToken.map(t -> " token=" + t).orElse("")
          + " "
          + contentType.orElse("(no content type)")
          + " "
          + body.length
          + " bytes"
          + (stored ? "" : " (not stored)")
          + decodeFailure.map(f -> " undecodable: " + f).orElse("");
    }
  }
}
