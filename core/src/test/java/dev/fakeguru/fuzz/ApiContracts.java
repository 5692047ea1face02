package dev.fakeguru.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.internal.http.HttpRequest;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.server.RawHttp.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a 2xx answer of each CodeGuru Profiler operation must say, checked against the request and
 * the {@link SeededFake}'s state, so that a 200 with a wrong body fails the fuzz test. Where the
 * check needs a request value (a range, a name) it reads it independently of the fake and skips
 * what it cannot read unambiguously.
 */
final class ApiContracts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiContracts() {}

  /** The answer's body as JSON; fails if it is not. */
  static JsonNode json(Response r, String request) {
    try {
      JsonNode node = JSON.readTree(r.body());
      assertThat(node).as("JSON body of %s: %s", request, r).isNotNull();
      return node;
    } catch (IOException e) {
      throw new AssertionError("the body of " + request + " is not JSON: " + r, e);
    }
  }

  /** The request body as JSON, if it is a JSON object (the fuzzer's bodies often are not). */
  static Optional<JsonNode> requestJson(byte[] body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * GetProfile: a profile in the content type it names, which decodes, and whose samples are stored
   * ones: no counter type the seeds lack, no total above the seeds'.
   */
  static void getProfile(Response r, String request, ProfileCodec codec) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(200);
    String contentType = r.header("content-type");
    assertThat(contentType)
        .as("Content-Type of %s", request)
        .isIn("application/json", "application/x-amzn-ion");
    Profile answer;
    try {
      answer = codec.decode(r.body(), contentType, r.header("content-encoding"));
    } catch (ProfileFormatException e) {
      throw new AssertionError("GetProfile answer of " + request + " does not decode: " + r, e);
    }
    Map<String, Long> stored = SeededFake.seededTotals();
    answer
        .totalCounts()
        .forEach(
            (type, total) -> {
              assertThat(stored).as("counter types of %s", request).containsKey(type);
              assertThat(total)
                  .as("%s samples of %s", type, request)
                  .isBetween(0L, stored.get(type));
            });
  }

  /**
   * ListProfileTimes: bucket starts of the seeded data, each once, in one order, and within the
   * requested {@code [startTime, endTime)} when the query names each exactly once as an ISO
   * instant.
   */
  static void listProfileTimes(Response r, String request, String target) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(200);
    JsonNode times = json(r, request).path("profileTimes");
    assertThat(times.isArray()).as("profileTimes of %s: %s", request, r).isTrue();
    List<Instant> starts = new ArrayList<>();
    times.forEach(t -> starts.add(Instant.parse(t.path("start").asText())));
    assertThat(starts).as("profile times of %s", request).isSubsetOf(SeededFake.BUCKET_STARTS);
    assertThat(starts).as("profile times of %s", request).doesNotHaveDuplicates();
    List<Instant> ascending = starts.stream().sorted().toList();
    List<Instant> descending = starts.stream().sorted(Comparator.reverseOrder()).toList();
    assertThat(starts)
        .as("profile times of %s, ascending or descending", request)
        .isIn(ascending, descending);
    Optional<Instant> from = onlyInstant(target, "startTime");
    Optional<Instant> to = onlyInstant(target, "endTime");
    if (from.isPresent() && to.isPresent()) {
      assertThat(starts)
          .as("profile times of %s within [%s, %s)", request, from.get(), to.get())
          .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(from.get()).isBefore(to.get()));
    }
  }

  /** ListProfilingGroups: the seeded group is the only one. */
  static void listProfilingGroups(Response r, String request) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(200);
    JsonNode body = json(r, request);
    List<String> names = new ArrayList<>();
    body.path("profilingGroupNames").forEach(n -> names.add(n.asText()));
    assertThat(names).as("profilingGroupNames of %s: %s", request, r).isSubsetOf(SeededFake.GROUP);
    body.path("profilingGroups")
        .forEach(d -> assertThat(d.path("name").asText()).as("descriptions").isIn(names));
  }

  /**
   * CreateProfilingGroup: the group the body named, described by DescribeProfilingGroup exactly as
   * the create answered.
   */
  static void createProfilingGroup(
      Response r, String request, byte[] body, SeededFake seeded, Response describe) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(201);
    JsonNode created = json(r, request);
    String name = created.path("name").asText();
    requestJson(body)
        .map(b -> b.path("profilingGroupName"))
        .filter(JsonNode::isTextual)
        .ifPresent(n -> assertThat(name).as("name created by %s", request).isEqualTo(n.asText()));
    assertThat(seeded.fake.profilingGroupNames()).as("groups after %s", request).contains(name);
    assertThat(describe.status())
        .as("DescribeProfilingGroup of %s: %s", name, describe)
        .isEqualTo(200);
    assertThat(json(describe, "DescribeProfilingGroup " + name))
        .as("DescribeProfilingGroup after %s", request)
        .isEqualTo(created);
  }

  /**
   * UpdateProfilingGroup: the answer is what DescribeProfilingGroup shows, with the {@code
   * profilingEnabled} the body asked for.
   */
  static void updateProfilingGroup(Response r, String request, byte[] body, Response describe) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(200);
    JsonNode updated = json(r, request);
    requestJson(body)
        .map(b -> b.path("agentOrchestrationConfig").path("profilingEnabled"))
        .filter(JsonNode::isBoolean)
        .ifPresent(
            e ->
                assertThat(updated.path("agentOrchestrationConfig").path("profilingEnabled"))
                    .as("profilingEnabled after %s", request)
                    .isEqualTo(e));
    assertThat(json(describe, "DescribeProfilingGroup"))
        .as("DescribeProfilingGroup after %s", request)
        .isEqualTo(updated);
  }

  /**
   * ConfigureAgent: the configuration (the answer's payload) with a positive period and a boolean
   * shouldProfile.
   */
  static void configureAgent(Response r, String request) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(200);
    JsonNode configuration = json(r, request);
    assertThat(configuration.path("periodInSeconds").isInt()).as("periodInSeconds: %s", r).isTrue();
    assertThat(configuration.path("periodInSeconds").asInt()).as("periodInSeconds").isPositive();
    assertThat(configuration.path("shouldProfile").isBoolean()).as("shouldProfile: %s", r).isTrue();
  }

  /**
   * PostAgentProfile: 204 without a body, and the post is stored, with the bytes as sent, beside
   * the seeds.
   */
  static void postAgentProfile(Response r, String request, byte[] sent, SeededFake seeded) {
    assertThat(r.status()).as("status of %s", request).isEqualTo(204);
    assertThat(r.body()).as("body of %s", request).isEmpty();
    assertThat(seeded.fake.storedProfiles(SeededFake.GROUP))
        .as("stored profiles after %s", request)
        .hasSize(3)
        .last()
        .satisfies(p -> assertThat(p.body()).as("stored bytes").isEqualTo(sent));
  }

  /**
   * The value of a query parameter that appears exactly once and reads as an ISO-8601 instant, as
   * the server decodes the query ({@link HttpRequest#of}).
   */
  private static Optional<Instant> onlyInstant(String target, String name) {
    List<String> values = HttpRequest.of("GET", target, Map.of(), null).query().get(name);
    if (values == null || values.size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(values.get(0)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
