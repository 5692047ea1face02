package dev.fakeguru.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the scenarios expect, whichever SDK made the calls: the shared data, and the checks that
 * read the server's admin API or an SDK-neutral view of a result.
 */
final class Expect {
  /** The groups that list-pagination creates, in the order ListProfilingGroups must return them. */
  static final List<String> GROUP_NAMES =
      List.of("compat-a", "compat-b", "compat-c", "compat-d", "compat-e");

  /** The message the errors scenario gives its injected throttling fault. */
  static final String THROTTLING_MESSAGE = "Rate exceeded (compat)";

  /** The message the errors scenario gives its injected internal fault. */
  static final String INTERNAL_MESSAGE = "Broken (compat)";

  /** The operation the fault scenarios target. */
  static final String DESCRIBE = "DescribeProfilingGroup";

  /** The findings scenario's window: what {@link Admin#scriptFindings} scripts lies in it. */
  static final Instant FINDINGS_START = Instant.parse("2024-01-02T03:00:00Z");

  static final Instant FINDINGS_END = Instant.parse("2024-01-02T04:00:00Z");

  /** The day the findings scenario's reports cover. */
  static final Instant FINDINGS_DAY = Instant.parse("2024-01-02T00:00:00Z");

  /** The id of the findings scenario's anomaly instance. */
  static final String ANOMALY_INSTANCE = "0b6c1f0e-3a4b-4c8e-9d3f-2f1e0c9a7b11";

  private Expect() {}

  /**
   * ListFindingsReports' reports for the scenario's day, each as {@code start end findings}: the
   * day, the recommendation's hour and the anomaly instance's ten minutes, each with both findings.
   */
  static void findingsReports(List<String> reports) {
    assertThat(reports)
        .containsExactly(
            "2024-01-02T00:00:00Z 2024-01-03T00:00:00Z 2",
            "2024-01-02T03:00:00Z 2024-01-02T04:00:00Z 2",
            "2024-01-02T03:10:00Z 2024-01-02T03:20:00Z 2");
  }

  /** The server accepted exactly one feedback: Positive with the comment, on the instance. */
  static void feedbackRecorded(String group) {
    List<JsonNode> feedback = MatrixSuite.ADMIN.feedback();
    assertThat(feedback).hasSize(1);
    assertThat(feedback.get(0).get("group").asText()).isEqualTo(group);
    assertThat(feedback.get(0).get("anomalyInstanceId").asText()).isEqualTo(ANOMALY_INSTANCE);
    assertThat(feedback.get(0).get("type").asText()).isEqualTo("Positive");
    assertThat(feedback.get(0).get("comment").asText()).isEqualTo("useful");
  }

  /** The group's ARN in the fake's default account and the client's region. */
  static String arn(String group) {
    return "arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/" + group;
  }

  /** The server recorded exactly one post for {@code group}: {@code body}, stored and decoded. */
  static void onePostRecorded(String group, byte[] body, String contentType) {
    List<JsonNode> posts = MatrixSuite.ADMIN.posts(group);
    assertThat(posts).hasSize(1);
    JsonNode post = posts.get(0);
    assertThat(post.get("size").asInt()).isEqualTo(body.length);
    assertThat(post.get("stored").asBoolean()).as("stored").isTrue();
    assertThat(post.get("decoded").asBoolean()).as("decoded").isTrue();
    assertThat(post.get("contentType").asText()).isEqualTo(contentType);
  }

  /**
   * Two calls of one post (same profile token) reached the server, and it stored the profile once.
   */
  static void postStoredOnceOfTwoCalls(String group) {
    assertThat(MatrixSuite.ADMIN.calls("PostAgentProfile")).hasSize(2);
    List<JsonNode> posts = MatrixSuite.ADMIN.posts(group);
    assertThat(posts).hasSize(2);
    assertThat(posts.get(0).get("token").asText())
        .isNotBlank()
        .isEqualTo(posts.get(1).get("token").asText());
    assertThat(posts).filteredOn(p -> p.get("stored").asBoolean()).hasSize(1);
  }

  /**
   * The server received {@code expected} attempts of {@code operation}; returns a note that says
   * so.
   */
  static String attempts(String operation, int expected, String why) {
    assertThat(MatrixSuite.ADMIN.calls(operation)).hasSize(expected);
    return expected + " attempts (" + why + ")";
  }

  /**
   * A service exception as the SDK surfaced it: its class's simple name must be the error code,
   * with the given status and a message that contains {@code messagePart}.
   */
  static void serviceError(
      Throwable e,
      int status,
      String errorCode,
      String message,
      int expectedStatus,
      String messagePart) {
    assertThat(status).as("status code").isEqualTo(expectedStatus);
    assertThat(errorCode).as("error code").isEqualTo(e.getClass().getSimpleName());
    assertThat(message).as("message").isNotBlank().contains(messagePart);
  }

  /** The bucket starts that list-profile-times posts into, oldest first (one gap). */
  static List<Instant> profileTimeStarts() {
    return List.of(Profiles.bucketsAgo(4), Profiles.bucketsAgo(3), Profiles.bucketsAgo(1));
  }

  /**
   * A GetProfile answer in JSON over both of postTwo's posts: their counts summed (a 3+10, b 4+20).
   */
  static void mergedOfTwoPosts(String contentType, byte[] body) {
    assertThat(contentType).isEqualTo("application/json");
    assertThat(Profiles.wallTime(body, "a")).as("main→a").isEqualTo(13);
    assertThat(Profiles.wallTime(body, "b")).as("main→b").isEqualTo(24);
  }

  /** A GetProfile answer in Ion binary. */
  static void ionBinary(String contentType, byte[] body) {
    assertThat(contentType).isEqualTo("application/x-amzn-ion");
    assertThat(body)
        .as("starts with the Ion binary version marker")
        .startsWith(Profiles.ION_BINARY_MARKER);
  }

  /** {@code ascending} as is, else reversed. */
  static <T> List<T> ordered(List<T> ascending, boolean asc) {
    List<T> out = new ArrayList<>(ascending);
    if (!asc) {
      Collections.reverse(out);
    }
    return out;
  }

  /** list-pagination's pages: at most 2 names each, 3 pages, all names in order. */
  static void groupPages(List<List<String>> pages) {
    assertThat(pages).hasSize(3).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(2));
    assertThat(Pages.flat(pages)).containsExactlyElementsOf(GROUP_NAMES);
  }
}
