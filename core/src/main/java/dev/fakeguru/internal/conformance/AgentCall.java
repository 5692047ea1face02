package dev.fakeguru.internal.conformance;

import dev.fakeguru.internal.engine.Recordings;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.recording.Operation;
import dev.fakeguru.recording.RecordedCall;
import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One of the agent's calls (ConfigureAgent or PostAgentProfile) as the rules see it: the recorded
 * call, its post, the attempt chain it belongs to, and the configuration in force when it arrived.
 * Built once per report by {@link AgentTimeline}; not thread-safe (confined to one check).
 * Internal.
 */
final class AgentCall {
  final RecordedCall call;

  /** The post it carried, or null (a ConfigureAgent, or a post the journal forgot). */
  final RecordedProfilePost post;

  /**
   * The configuration the latest intact ConfigureAgent answer before this call carried, or null.
   */
  AgentConfiguration inForce;

  /** The attempts of the same call, this one among them. */
  Chain chain;

  private Optional<Profile> profile;

  AgentCall(RecordedCall call, RecordedProfilePost post) {
    this.call = call;
    this.post = post;
  }

  long sequence() {
    return call.sequence();
  }

  Instant at() {
    return call.receivedAt();
  }

  boolean isConfigure() {
    return call.operation() == Operation.CONFIGURE_AGENT;
  }

  boolean isPost() {
    return call.operation() == Operation.POST_AGENT_PROFILE;
  }

  int status() {
    return call.status();
  }

  /** A 400 or a 404: the SDKs do not retry these. */
  boolean clientError() {
    return status() == 400 || status() == 404;
  }

  /** The configuration this ConfigureAgent was answered, when it reached the agent intact. */
  Optional<AgentConfiguration> answered() {
    return call instanceof Recordings.Call c ? c.answeredConfiguration() : Optional.empty();
  }

  Recordings.Signature signature() {
    return call instanceof Recordings.Call c ? c.signature() : Recordings.Signature.NOT_CHECKED;
  }

  /** The first attempt of its call. */
  boolean firstAttempt() {
    return chain.first() == this;
  }

  /** The decoded profile of its post, when there is one and it decodes. */
  Optional<Profile> profile() {
    if (profile == null) {
      profile = post == null ? Optional.empty() : post.profile();
    }
    return profile;
  }

  /**
   * What makes two posts the same profile: its decoded start and end, or its bytes when it does not
   * decode.
   */
  Object identity() {
    Optional<Profile> p = profile();
    if (p.isPresent()) {
      return List.of(p.get().start(), p.get().end());
    }
    return post == null ? sequence() : ByteBuffer.wrap(post.body());
  }

  /** A numeric agent parameter of the configuration in force, when there is one and it parses. */
  OptionalLong parameter(String name) {
    String v = inForce == null ? null : inForce.agentParameters().get(name);
    try {
      return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  String operationName() {
    return call.operation().apiName();
  }

  /** The attempts of one call, in arrival order. */
  static final class Chain {
    final List<AgentCall> attempts = new ArrayList<>();

    AgentCall first() {
      return attempts.get(0);
    }

    AgentCall last() {
      return attempts.get(attempts.size() - 1);
    }
  }
}
