package dev.fakeguru.internal.http;

import dev.fakeguru.recording.RecordedProfilePost;
import dev.fakeguru.scripting.AgentConfiguration;
import java.util.Map;

/**
 * One routed request on its way through a handler: the request, the values its path template
 * captured, its sequence number, and what the handler records for the journal: the post of a
 * PostAgentProfile, the configuration a ConfigureAgent answered. Confined to the thread answering
 * the request. Internal.
 */
public final class Exchange {
  private final HttpRequest request;
  private final Map<String, String> pathParameters;
  private final long sequence;
  private RecordedProfilePost post;
  private AgentConfiguration answeredConfiguration;

  public Exchange(HttpRequest request, Map<String, String> pathParameters, long sequence) {
    this.request = request;
    this.pathParameters = Map.copyOf(pathParameters);
    this.sequence = sequence;
  }

  public HttpRequest request() {
    return request;
  }

  /** The value a {@code {name}} in the path template captured (decoded). */
  public String path(String name) {
    String v = pathParameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("the route's template has no {" + name + "}");
    }
    return v;
  }

  public long sequence() {
    return sequence;
  }

  /** The post this call carried, once the handler recorded one. */
  public RecordedProfilePost post() {
    return post;
  }

  public void recordPost(RecordedProfilePost post) {
    this.post = post;
  }

  /** The configuration a ConfigureAgent handler answered, or null. */
  public AgentConfiguration answeredConfiguration() {
    return answeredConfiguration;
  }

  /** Records the configuration the answer carries, {@code shouldProfile} as sent. */
  public void recordAnsweredConfiguration(AgentConfiguration configuration) {
    this.answeredConfiguration = configuration;
  }
}
