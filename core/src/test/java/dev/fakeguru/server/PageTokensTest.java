package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfileTimesRequest;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfileTimesResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * A {@code nextToken} is good only for the operation, profiling group and parameters that issued
 * it: one from ListProfilingGroups used on ListProfileTimes, one for another group or period, or a
 * made-up one is a 400 ValidationException naming {@code nextToken}, never a 500.
 */
class PageTokensTest extends FakeServerTestBase {
  static final Instant END = T0.plusSeconds(3600);

  @BeforeEach
  void threeGroupsAndThreeBuckets() {
    fake.createProfilingGroup("other");
    fake.createProfilingGroup("third");
    for (int i = 0; i < 3; i++) {
      post(GROUP, profileAt(5 * i, 1, "main"));
      post("other", profileAt(5 * i, 1, "main"));
    }
  }

  private static String groupsToken() {
    String token = client.listProfilingGroups(r -> r.maxResults(1)).nextToken();
    assertThat(token).isNotNull();
    return token;
  }

  private static Consumer<ListProfileTimesRequest.Builder> times(String group) {
    return r ->
        r.profilingGroupName(group)
            .startTime(T0)
            .endTime(END)
            .period(AggregationPeriod.PT5_M)
            .maxResults(1);
  }

  private static String timesToken(String group) {
    ListProfileTimesResponse first = client.listProfileTimes(times(group));
    assertThat(first.nextToken()).isNotNull();
    return first.nextToken();
  }

  private static void assertRefused(Runnable call) {
    ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
    assertThat(e).as("a ValidationException").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage())
        .contains("at 'nextToken' failed to satisfy constraint")
        .contains("bound to");
  }

  @Test
  void tokens_page_through_their_own_operation() {
    String groups = groupsToken();
    assertThat(client.listProfilingGroups(r -> r.maxResults(1).nextToken(groups)).nextToken())
        .isNotNull();
    String token = timesToken(GROUP);
    ListProfileTimesResponse second =
        client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(token)));
    assertThat(second.profileTimes())
        .singleElement()
        .satisfies(t -> assertThat(t.start()).isEqualTo(T0.plusSeconds(300)));
    // Using a token again (a client retrying a page) gives the same page.
    assertThat(
            client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(token))).profileTimes())
        .isEqualTo(second.profileTimes());
  }

  @Test
  void a_list_profiling_groups_token_is_refused_by_list_profile_times() {
    String groups = groupsToken();

    assertRefused(() -> client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(groups))));
  }

  @Test
  void a_list_profile_times_token_is_refused_by_list_profiling_groups() {
    String token = timesToken(GROUP);

    assertRefused(() -> client.listProfilingGroups(r -> r.nextToken(token)));
  }

  @Test
  void a_token_is_refused_for_another_group_or_other_parameters() {
    String token = timesToken(GROUP);

    assertRefused(() -> client.listProfileTimes(times("other").andThen(r -> r.nextToken(token))));
    assertRefused(
        () ->
            client.listProfileTimes(
                times(GROUP).andThen(r -> r.period(AggregationPeriod.PT1_H).nextToken(token))));
    assertRefused(
        () ->
            client.listProfileTimes(
                times(GROUP).andThen(r -> r.orderBy("TimestampAscending").nextToken(token))));
  }

  @Test
  void a_token_pages_on_when_the_range_moves_between_pages() {
    // Callers that compute "now" for every page send another endTime with the token.
    ListProfileTimesResponse first = client.listProfileTimes(times(GROUP));

    ListProfileTimesResponse second =
        client.listProfileTimes(
            times(GROUP).andThen(r -> r.endTime(END.plusSeconds(1)).nextToken(first.nextToken())));

    assertThat(second.profileTimes()).hasSize(1);
    assertThat(second.profileTimes().get(0).start()).isBefore(first.profileTimes().get(0).start());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00000000-0000-0000-0000-000000000000",
        "made-up",
        "2024-01-02T03-05-00Z-looks-like-a-position",
      })
  void a_made_up_or_tampered_token_is_refused(String token) {
    assertRefused(() -> client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(token))));
    assertRefused(() -> client.listProfilingGroups(r -> r.nextToken(token)));
  }

  @Test
  void a_token_with_one_character_changed_is_refused() {
    String token = timesToken(GROUP);
    String tampered = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);

    assertRefused(() -> client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(tampered))));
  }

  @Test
  void a_reset_forgets_every_token() {
    String token = timesToken(GROUP);
    fake.reset();
    threeGroupsAndThreeBuckets();

    assertRefused(() -> client.listProfileTimes(times(GROUP).andThen(r -> r.nextToken(token))));
  }
}
