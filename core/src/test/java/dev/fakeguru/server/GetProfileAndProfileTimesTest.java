package dev.fakeguru.server;

import static dev.fakeguru.server.AgentOperationsTest.resource;
import static dev.fakeguru.server.ProfilingGroupOperationsTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakeguru.FakeCodeGuruProfiler;
import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import dev.fakeguru.scripting.EmptyRangePolicy;
import dev.fakeguru.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codeguruprofiler.model.AggregationPeriod;
import software.amazon.awssdk.services.codeguruprofiler.model.GetProfileResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.OrderBy;
import software.amazon.awssdk.services.codeguruprofiler.model.ProfileTime;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;

class GetProfileAndProfileTimesTest extends FakeServerTestBase {
  static final Instant H1 = T0.plus(Duration.ofHours(1));

  private void postThreeBuckets() {
    post(GROUP, profileAt(1, 10, "main", "a")); // bucket 03:00
    post(GROUP, profileAt(7, 20, "main", "b")); // bucket 03:05
    post(GROUP, profileAt(16, 30, "main", "a")); // bucket 03:15
  }

  private static Profile decodeJson(GetProfileResponse r) {
    assertThat(r.contentType()).isEqualTo("application/json");
    return ProfileCodec.defaults().decode(r.profile().asByteArray(), ProfileFormat.JSON);
  }

  @Test
  void list_profile_times_per_period_and_order() {
    postThreeBuckets();

    assertThat(times(AggregationPeriod.PT5_M, OrderBy.TIMESTAMP_ASCENDING, T0, H1))
        .containsExactly(T0, T0.plusSeconds(300), T0.plusSeconds(900));
    assertThat(times(AggregationPeriod.PT5_M, null, T0, H1))
        .containsExactly(T0.plusSeconds(900), T0.plusSeconds(300), T0);
    assertThat(times(AggregationPeriod.PT1_H, null, T0, H1)).containsExactly(T0);
    assertThat(
            times(
                AggregationPeriod.P1_D,
                null,
                Instant.parse("2024-01-02T00:00:00Z"),
                Instant.parse("2024-01-03T00:00:00Z")))
        .containsExactly(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(times(AggregationPeriod.PT5_M, null, T0.plusSeconds(300), T0.plusSeconds(900)))
        .containsExactly(T0.plusSeconds(300));
  }

  @Test
  void list_profile_times_paginates() {
    for (int i = 0; i < 12; i++) {
      post(GROUP, profileAt(5 * i, 1, "main"));
    }
    var first =
        client.listProfileTimes(
            b ->
                b.profilingGroupName(GROUP)
                    .period(AggregationPeriod.PT5_M)
                    .startTime(T0)
                    .endTime(H1)
                    .maxResults(5));
    assertThat(first.profileTimes()).hasSize(5);
    assertThat(first.nextToken()).isNotBlank();

    List<Instant> all = new ArrayList<>();
    client
        .listProfileTimesPaginator(
            b ->
                b.profilingGroupName(GROUP)
                    .period(AggregationPeriod.PT5_M)
                    .startTime(T0)
                    .endTime(H1)
                    .maxResults(5)
                    .orderBy(OrderBy.TIMESTAMP_ASCENDING))
        .forEach(p -> p.profileTimes().forEach(t -> all.add(t.start())));
    assertThat(all).hasSize(12).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void list_profile_times_validates() {
    assertValidation(
        () -> client.listProfileTimes(b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1)),
        "Value null at 'period' failed to satisfy constraint: Member must not be null");
    assertValidation(
        () ->
            client.listProfileTimes(
                b -> b.profilingGroupName(GROUP).period("PT10M").startTime(T0).endTime(H1)),
        "Value 'PT10M' at 'period' failed to satisfy constraint: Member must satisfy enum value set: [PT5M, PT1H, P1D]");
    assertValidation(
        () ->
            client.listProfileTimes(
                b ->
                    b.profilingGroupName(GROUP)
                        .period(AggregationPeriod.PT5_M)
                        .startTime(H1)
                        .endTime(T0)),
        "startTime must be before endTime");
    assertValidation(
        () ->
            client.listProfileTimes(
                b ->
                    b.profilingGroupName(GROUP)
                        .period(AggregationPeriod.PT5_M)
                        .startTime(T0)
                        .endTime(H1)
                        .orderBy("TIMESTAMP_DESCENDING")),
        "at 'orderBy'");
    // A page token of another operation is refused, not misread.
    fake.createProfilingGroup("second");
    String groupsToken = client.listProfilingGroups(b -> b.maxResults(1)).nextToken();
    assertValidation(
        () ->
            client.listProfileTimes(
                b ->
                    b.profilingGroupName(GROUP)
                        .period(AggregationPeriod.PT5_M)
                        .startTime(T0)
                        .endTime(H1)
                        .nextToken(groupsToken)),
        "at 'nextToken' failed to satisfy constraint: Member must be a nextToken that this operation returned");
  }

  @Test
  void get_profile_aggregates_the_range_as_json() {
    postThreeBuckets();

    GetProfileResponse r =
        client.getProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(T0.plusSeconds(600))
                    .accept("application/json"));

    Profile p = decodeJson(r);
    assertThat(p.nodeAt("main", "a").orElseThrow().selfCount("WALL_TIME")).isEqualTo(10);
    assertThat(p.nodeAt("main", "b").orElseThrow().selfCount("WALL_TIME")).isEqualTo(20);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(30);
    assertThat(p.start()).isEqualTo(T0);
    assertThat(p.end()).isEqualTo(T0.plusSeconds(600));
    assertThat(r.contentEncoding()).isNull();
  }

  @Test
  void get_profile_narrows_to_the_data_as_documented() {
    // The API reference: asking for 00:00-00:20 when data exists for 00:15-00:25 returns
    // 00:15-00:20.
    Instant midnight = Instant.parse("2024-01-02T00:00:00Z");
    post(
        GROUP,
        Profile.builder(midnight.plusSeconds(15 * 60), midnight.plusSeconds(20 * 60))
            .stack(4, "main")
            .build());
    post(
        GROUP,
        Profile.builder(midnight.plusSeconds(20 * 60), midnight.plusSeconds(25 * 60))
            .stack(6, "main")
            .build());

    Profile p =
        decodeJson(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(midnight)
                        .endTime(midnight.plusSeconds(20 * 60))
                        .accept("application/json")));

    assertThat(p.start()).isEqualTo(midnight.plusSeconds(15 * 60));
    assertThat(p.end()).isEqualTo(midnight.plusSeconds(20 * 60));
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(4);
  }

  @Test
  void get_profile_with_start_or_end_and_a_period() {
    postThreeBuckets();

    Profile fromStart =
        decodeJson(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0.plusSeconds(300))
                        .period("PT10M")
                        .accept("application/json")));
    assertThat(fromStart.totalCount("WALL_TIME")).isEqualTo(20);

    Profile toEnd =
        decodeJson(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .endTime(T0.plusSeconds(1200))
                        .period("PT20M")
                        .accept("application/json")));
    assertThat(toEnd.totalCount("WALL_TIME")).isEqualTo(60);
  }

  @Test
  void get_profile_with_only_a_period_returns_the_latest_aggregate() {
    postThreeBuckets();

    Profile latest =
        decodeJson(
            client.getProfile(
                b -> b.profilingGroupName(GROUP).period("PT5M").accept("application/json")));

    assertThat(latest.start()).isEqualTo(T0.plusSeconds(900));
    assertThat(latest.totalCount("WALL_TIME")).isEqualTo(30);
    Profile hour =
        decodeJson(
            client.getProfile(
                b -> b.profilingGroupName(GROUP).period("PT1H").accept("application/json")));
    assertThat(hour.totalCount("WALL_TIME")).isEqualTo(60);
  }

  @Test
  void get_profile_time_range_rules() {
    postThreeBuckets();
    assertValidation(
        () -> client.getProfile(b -> b.profilingGroupName(GROUP)),
        "Give the time range as period alone, or as exactly two of startTime, endTime and period;"
            + " none was given.");
    assertValidation(
        () ->
            client.getProfile(
                b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1).period("PT1H")),
        "exactly two of startTime, endTime and period; all three were given.");
    assertValidation(
        () -> client.getProfile(b -> b.profilingGroupName(GROUP).startTime(T0)),
        "exactly two of startTime, endTime and period; only startTime was given (add endTime or"
            + " period).");
    assertValidation(
        () -> client.getProfile(b -> b.profilingGroupName(GROUP).endTime(T0)),
        "exactly two of startTime, endTime and period; only endTime was given (add startTime or"
            + " period).");
    assertValidation(
        () ->
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP).startTime(T0).endTime(T0.plus(Duration.ofDays(8)))),
        "at 'endTime' failed to satisfy constraint: Member must be at most 7 days (P7D) after"
            + " startTime");
    assertValidation(
        () -> client.getProfile(b -> b.profilingGroupName(GROUP).startTime(T0).period("P8D")),
        "at 'period' failed to satisfy constraint: Member must be at most 7 days");
    assertValidation(
        () -> client.getProfile(b -> b.profilingGroupName(GROUP).startTime(H1).endTime(T0)),
        "startTime must be before endTime");
    assertValidation(
        () ->
            client.getProfile(
                b -> b.profilingGroupName(GROUP).startTime(T0).period("five minutes")),
        "Value 'five minutes' at 'period' failed to satisfy constraint: Member must be an ISO-8601 duration");
    assertValidation(
        () ->
            client.getProfile(
                b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1).maxDepth(0)),
        "Value '0' at 'maxDepth' failed to satisfy constraint: Member must have value greater than or equal to 1");
    assertValidation(
        () ->
            client.getProfile(
                b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1).maxDepth(10001)),
        "less than or equal to 10000");
  }

  @Test
  void polling_the_same_range_sees_every_new_post_in_every_format_and_depth() {
    post(GROUP, Profile.builder(T0, T0.plusSeconds(60)).stack(5, "A", "B", "C").build());
    java.util.function.Function<Integer, GetProfileResponse> json =
        depth ->
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .endTime(H1)
                        .maxDepth(depth)
                        .accept("application/json"));
    GetProfileResponse ion =
        client.getProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(H1)
                    .accept("application/x-amzn-ion"));

    assertThat(decodeJson(json.apply(3)).totalCount("WALL_TIME")).isEqualTo(5);
    assertThat(decodeJson(json.apply(3)).maxDepth()).isEqualTo(3);
    assertThat(decodeJson(json.apply(1)).maxDepth()).isEqualTo(1);
    assertThat(
            ProfileCodec.defaults()
                .decode(ion.profile().asByteArray(), ProfileFormat.ION_BINARY)
                .totalCount("WALL_TIME"))
        .isEqualTo(5);

    post(
        GROUP,
        Profile.builder(T0.plusSeconds(420), T0.plusSeconds(480)).stack(2, "A", "X").build());

    Profile after = decodeJson(json.apply(3));
    assertThat(after.totalCount("WALL_TIME")).isEqualTo(7);
    assertThat(after.nodeAt("A", "X").orElseThrow().selfCount("WALL_TIME")).isEqualTo(2);
    assertThat(decodeJson(json.apply(1)).nodeAt("A").orElseThrow().selfCount("WALL_TIME"))
        .isEqualTo(7);
    GetProfileResponse ionAfter =
        client.getProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(H1)
                    .accept("application/x-amzn-ion"));
    assertThat(
            ProfileCodec.defaults()
                .decode(ionAfter.profile().asByteArray(), ProfileFormat.ION_BINARY)
                .totalCount("WALL_TIME"))
        .isEqualTo(7);
  }

  @Test
  void get_profile_truncates_to_max_depth_folding_counts() {
    post(
        GROUP,
        Profile.builder(T0, T0.plusSeconds(60))
            .stack(5, "A", "B", "C", "D")
            .stack(2, "A", "B")
            .stack(1, "A")
            .build());

    Profile p =
        decodeJson(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .endTime(H1)
                        .maxDepth(2)
                        .accept("application/json")));

    assertThat(p.maxDepth()).isEqualTo(2);
    assertThat(p.nodeAt("A", "B").orElseThrow().selfCount("WALL_TIME")).isEqualTo(7);
    assertThat(p.nodeAt("A").orElseThrow().selfCount("WALL_TIME")).isEqualTo(1);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(8);
  }

  @Test
  void get_profile_negotiates_ion_by_default_and_refuses_unknown_accept() {
    postThreeBuckets();

    GetProfileResponse ion =
        client.getProfile(b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1));
    assertThat(ion.contentType()).isEqualTo("application/x-amzn-ion");
    assertThat(ion.profile().asByteArray())
        .startsWith((byte) 0xE0, (byte) 0x01, (byte) 0x00, (byte) 0xEA);
    Profile p =
        ProfileCodec.defaults().decode(ion.profile().asByteArray(), ProfileFormat.ION_BINARY);
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(60);

    GetProfileResponse explicitIon =
        client.getProfile(
            b ->
                b.profilingGroupName(GROUP)
                    .startTime(T0)
                    .endTime(H1)
                    .accept("application/x-amzn-ion"));
    assertThat(explicitIon.profile().asByteArray()).isEqualTo(ion.profile().asByteArray());

    assertValidation(
        () ->
            client.getProfile(
                b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1).accept("text/html")),
        "Value 'text/html' at 'accept'");
  }

  @Test
  void an_empty_range_is_404_by_default_and_an_empty_profile_on_request() {
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    client.getProfile(b -> b.profilingGroupName(GROUP).startTime(T0).endTime(H1))))
        .hasMessageContaining(
            "No aggregated profile of profiling group 'my-app' covers 2024-01-02T03:00:00.000Z to 2024-01-02T04:00:00.000Z.");

    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder()
                .profilingGroup("g")
                .emptyRangePolicy(EmptyRangePolicy.EMPTY_PROFILE)
                .start();
        var c = sdkClient(f)) {
      Profile p =
          decodeJson(
              c.getProfile(
                  b ->
                      b.profilingGroupName("g")
                          .startTime(T0)
                          .endTime(H1)
                          .accept("application/json")));
      assertThat(p.start()).isEqualTo(T0);
      assertThat(p.end()).isEqualTo(H1);
      assertThat(p.totalCounts()).isEmpty();
    }
  }

  @Test
  void retention_drops_five_minute_buckets_after_15_days_but_hourly_data_still_answers() {
    postThreeBuckets();
    clock.advance(Duration.ofDays(16));

    assertThat(times(AggregationPeriod.PT5_M, null, T0, H1)).isEmpty();
    assertThat(times(AggregationPeriod.PT1_H, null, T0, H1)).containsExactly(T0);
    Profile p =
        decodeJson(
            client.getProfile(
                b ->
                    b.profilingGroupName(GROUP)
                        .startTime(T0)
                        .endTime(T0.plusSeconds(600))
                        .accept("application/json")));
    assertThat(p.totalCount("WALL_TIME")).isEqualTo(60);

    clock.advance(Duration.ofDays(50)); // 66 days: only the daily bucket is left
    assertThat(times(AggregationPeriod.PT1_H, null, T0, H1)).isEmpty();
    assertThat(
            times(
                AggregationPeriod.P1_D,
                null,
                Instant.parse("2024-01-02T00:00:00Z"),
                Instant.parse("2024-01-03T00:00:00Z")))
        .hasSize(1);

    clock.advance(Duration.ofDays(3 * 365));
    assertThat(
            times(
                AggregationPeriod.P1_D,
                null,
                Instant.parse("2024-01-02T00:00:00Z"),
                Instant.parse("2024-01-03T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void query_timestamps_in_every_sdk_format_are_accepted() {
    postThreeBuckets();
    for (String start :
        List.of(
            "2024-01-02T03:00:00Z",
            "2024-01-02T03:00:00.000Z",
            "2024-01-02T03:00:00.000000Z",
            "2024-01-02T03:00:00.000000000Z",
            "2024-01-02T04:00:00%2B01:00",
            "2024-01-02T03%3A00%3A00.0Z")) {
      var r =
          raw(
              "GET",
              "/profilingGroups/"
                  + GROUP
                  + "/profile?startTime="
                  + start
                  + "&endTime=2024-01-02T03%3A10%3A00Z",
              null,
              "Accept",
              "application/json");
      assertThat(r.statusCode()).as(start).isEqualTo(200);
      assertThat(
              ProfileCodec.defaults().decode(r.body(), ProfileFormat.JSON).totalCount("WALL_TIME"))
          .as(start)
          .isEqualTo(30);
    }
    var bad =
        raw("GET", "/profilingGroups/" + GROUP + "/profile?startTime=yesterday&period=PT5M", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body()))
        .contains(
            "Value 'yesterday' at 'startTime' failed to satisfy constraint: Member must be an ISO-8601 timestamp");
  }

  @Test
  void python_agent_profiles_posted_as_sent_are_aggregated_with_the_right_counts()
      throws Exception {
    SettableClock agentClock = SettableClock.at(Instant.ofEpochMilli(1795345150000L));
    try (FakeCodeGuruProfiler f =
            FakeCodeGuruProfiler.builder().clock(agentClock).profilingGroup("py").start();
        var c = sdkClient(f)) {
      Map<String, Long> expected = new HashMap<>();
      for (String name : List.of("1", "2", "3-after-errors")) {
        byte[] body = resource("/fixtures/python-agent-profile-" + name + ".body");
        c.postAgentProfile(
            b ->
                b.profilingGroupName("py")
                    .contentType("application/json")
                    .agentProfile(SdkBytes.fromByteArray(body)));
        sumCountsByPath(new ObjectMapper().readTree(body).get("callgraph"), "", expected);
      }

      GetProfileResponse r =
          c.getProfile(
              b ->
                  b.profilingGroupName("py")
                      .startTime(Instant.ofEpochMilli(1795344900000L))
                      .period("PT5M")
                      .accept("application/json"));

      Profile p = decodeJson(r);
      assertThat(p.totalCount("WALL_TIME")).isEqualTo(297);
      expected.forEach(
          (path, count) ->
              assertThat(
                      p.nodeAt(List.of(path.substring(1).split("\u0000")))
                          .orElseThrow()
                          .selfCount("WALL_TIME"))
                  .as(path.replace('\u0000', '>'))
                  .isEqualTo(count));
      assertThat(f.profilePosts("py")).hasSize(3).allMatch(post -> post.stored());
    }
  }

  private static void sumCountsByPath(JsonNode node, String path, Map<String, Long> into) {
    JsonNode counts = node.get("counts");
    if (counts != null && counts.has("WALL_TIME")) {
      into.merge(path, counts.get("WALL_TIME").asLong(), Long::sum);
    }
    JsonNode children = node.get("children");
    if (children != null) {
      children
          .properties()
          .forEach(e -> sumCountsByPath(e.getValue(), path + "\u0000" + e.getKey(), into));
    }
  }

  private List<Instant> times(AggregationPeriod period, OrderBy order, Instant from, Instant to) {
    return client
        .listProfileTimes(
            b ->
                b.profilingGroupName(GROUP)
                    .period(period)
                    .orderBy(order)
                    .startTime(from)
                    .endTime(to))
        .profileTimes()
        .stream()
        .map(ProfileTime::start)
        .toList();
  }
}
