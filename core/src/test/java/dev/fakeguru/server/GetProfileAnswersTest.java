package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileRequest;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

/**
 * What a new user met with GetProfile: answers whose start and end say what they hold, refusals
 * that state the time-range rule and name the members, and a 404 that says where the data is.
 * Through the real SDK v2 client.
 */
@Timeout(60)
class GetProfileAnswersTest extends FakeServerTestBase {
  private static final Instant T0305 = T0.plus(Duration.ofMinutes(5));
  private static final Instant T0310 = T0.plus(Duration.ofMinutes(10));

  /** Three agent cycles of 100 samples each, at 03:00, 03:05 and 03:10. */
  private void postThreeCycles() {
    for (Instant start : new Instant[] {T0, T0305, T0310}) {
      post(
          GROUP,
          Profile.builder(start, start.plus(Duration.ofMinutes(5))).stack(100, "main").build());
    }
  }

  private static Profile get(Consumer<GetProfileRequest.Builder> range) {
    var r =
        client.getProfile(
            b -> {
              b.profilingGroupName(GROUP).accept("application/json");
              range.accept(b);
            });
    return ProfileCodec.defaults().decode(r.profile().asByteArray(), ProfileFormat.JSON);
  }

  /** The message of the error a GetProfile for the range is answered with. */
  private static <E extends AwsServiceException> String rejection(
      Class<E> type, Consumer<GetProfileRequest.Builder> range) {
    E e =
        catchThrowableOfType(
            type,
            () ->
                client.getProfile(
                    b -> {
                      b.profilingGroupName(GROUP);
                      range.accept(b);
                    }));
    assertThat(e).as("a %s", type.getSimpleName()).isNotNull();
    return e.awsErrorDetails().errorMessage();
  }

  private static String refusal(Consumer<GetProfileRequest.Builder> range) {
    return rejection(ValidationException.class, range);
  }

  private static String notFound(Consumer<GetProfileRequest.Builder> range) {
    return rejection(ResourceNotFoundException.class, range);
  }

  @Test
  void a_range_cutting_through_buckets_is_answered_with_the_bounds_of_the_whole_buckets() {
    postThreeCycles();

    Profile p = get(b -> b.startTime(T0.plusSeconds(120)).endTime(T0.plusSeconds(13 * 60)));

    // 03:02-03:13 touches the 03:00, 03:05 and 03:10 buckets and holds all of them.
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(300);
    assertThat(p.start()).isEqualTo(T0);
    assertThat(p.end()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void once_five_minute_buckets_expired_the_answer_says_it_holds_the_whole_hour() {
    postThreeCycles();
    clock.advance(Duration.ofDays(16));

    Profile p = get(b -> b.startTime(T0).endTime(T0310));

    // Answered from the 03:00 hour bucket: all three cycles, the 03:10 one included.
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(300);
    assertThat(p.start()).isEqualTo(T0);
    assertThat(p.end()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void the_seven_day_limit_names_start_and_end_time_in_the_aws_form() {
    String message = refusal(b -> b.startTime(T0).endTime(T0.plus(Duration.ofDays(8))));

    assertThat(message)
        .isEqualTo(
            "1 validation error detected: Value '2024-01-10T03:00:00.000Z' at 'endTime' failed to"
                + " satisfy constraint: Member must be at most 7 days (P7D) after startTime"
                + " (2024-01-02T03:00:00.000Z), but the range was PT192H.");
    // Exactly seven days is allowed (and without data, a 404, not a 400).
    assertThat(notFound(b -> b.startTime(T0).endTime(T0.plus(Duration.ofDays(7)))))
        .startsWith("No aggregated profile");
  }

  @Test
  void every_refusal_of_the_time_range_rule_states_the_rule() {
    String rule =
        "Give the time range as period alone, or as exactly two of startTime, endTime and period; ";

    assertThat(refusal(b -> {})).isEqualTo(rule + "none was given.");
    assertThat(refusal(b -> b.startTime(T0)))
        .isEqualTo(rule + "only startTime was given (add endTime or period).");
    assertThat(refusal(b -> b.endTime(T0)))
        .isEqualTo(rule + "only endTime was given (add startTime or period).");
    assertThat(refusal(b -> b.startTime(T0).endTime(T0310).period("PT5M")))
        .isEqualTo(rule + "all three were given.");

    // And each form the rule allows is answered.
    postThreeCycles();
    assertThat(get(b -> b.period("PT5M")).totalCount("WALL_TIME")).isEqualTo(100);
    assertThat(get(b -> b.startTime(T0).endTime(T0310)).totalCount("WALL_TIME")).isEqualTo(200);
    assertThat(get(b -> b.startTime(T0).period("PT10M")).totalCount("WALL_TIME")).isEqualTo(200);
    assertThat(get(b -> b.endTime(T0310).period("PT10M")).totalCount("WALL_TIME")).isEqualTo(200);
  }

  @Test
  void a_404_for_a_range_without_data_names_the_nearest_buckets_on_each_side() {
    post(
        GROUP, Profile.builder(T0.minusSeconds(3600), T0.minusSeconds(3300)).stack(1, "a").build());
    post(GROUP, Profile.builder(T0.plusSeconds(7200), T0.plusSeconds(7500)).stack(1, "b").build());

    assertThat(notFound(b -> b.startTime(T0).endTime(T0310)))
        .isEqualTo(
            "No aggregated profile of profiling group 'my-app' covers 2024-01-02T03:00:00.000Z to"
                + " 2024-01-02T03:10:00.000Z. Nearest data before: the PT5M bucket"
                + " 2024-01-02T02:00:00.000Z to 2024-01-02T02:05:00.000Z; after: the PT5M bucket"
                + " 2024-01-02T05:00:00.000Z to 2024-01-02T05:05:00.000Z. A profile is aggregated"
                + " into the buckets containing its start.");
  }

  @Test
  void a_404_says_where_the_data_is_at_the_finest_period_still_retained() {
    post(
        GROUP, Profile.builder(T0.minusSeconds(3600), T0.minusSeconds(3300)).stack(1, "a").build());
    clock.advance(Duration.ofDays(16)); // the 5-minute buckets have expired, the hours are kept

    assertThat(notFound(b -> b.startTime(T0).endTime(T0310)))
        .contains(
            "Nearest data before: the PT1H bucket 2024-01-02T02:00:00.000Z to"
                + " 2024-01-02T03:00:00.000Z; after: none.");
  }

  @Test
  void a_profile_from_1970_is_explained_by_the_404_not_silently_lost() {
    // What a new user's profile without a real time range looked like: start and end at the epoch.
    post(GROUP, Profile.builder(Instant.EPOCH, Instant.EPOCH).stack(1, "main").build());

    assertThat(fake.storedProfiles(GROUP)).hasSize(1);
    assertThat(notFound(b -> b.startTime(T0).endTime(T0310)))
        .endsWith(" The group holds no aggregated data (none stored, or all past retention).");
  }
}
