package dev.fakeguru.server;

import static dev.fakeguru.server.FindingsOperationsTest.INSTANCE_A;
import static dev.fakeguru.server.FindingsOperationsTest.INSTANCE_B;
import static dev.fakeguru.server.FindingsOperationsTest.anomaly;
import static dev.fakeguru.server.FindingsOperationsTest.instance;
import static dev.fakeguru.server.FindingsOperationsTest.recommendation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakeguru.findings.AnomalyInstance;
import dev.fakeguru.findings.FindingsReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.codeguruprofiler.model.FindingsReportSummary;
import software.amazon.awssdk.services.codeguruprofiler.model.GetFindingsReportAccountSummaryResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ListFindingsReportsResponse;

/**
 * ListFindingsReports and GetFindingsReportAccountSummary through the real SDK v2 client: the
 * reports derived from scripted findings (daily and per scripted range), each counting what
 * GetRecommendations answers for its range, paginated, with {@code dailyReportsOnly} honoured.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FindingsReportsTest extends FakeServerTestBase {
  static final Instant DAY_1 = Instant.parse("2024-01-02T00:00:00Z");
  static final Instant DAY_2 = DAY_1.plus(Duration.ofDays(1));
  static final Instant DAY_3 = DAY_2.plus(Duration.ofDays(1));

  /** Two recommendations on day 1 (one of them a whole day), an anomaly over days 1 and 2. */
  static void scriptTwoDays(String group) {
    fake.addRecommendation(group, recommendation(T0, T0.plusSeconds(3600)));
    fake.addRecommendation(group, recommendation(DAY_1, DAY_2));
    fake.addAnomaly(
        group,
        anomaly(
            AnomalyInstance.builder()
                .startTime(DAY_2.minusSeconds(600))
                .endTime(DAY_2.plusSeconds(600))
                .build()));
  }

  ListFindingsReportsResponse reports(Instant start, Instant end, Boolean dailyOnly) {
    return client.listFindingsReports(
        b -> b.profilingGroupName(GROUP).startTime(start).endTime(end).dailyReportsOnly(dailyOnly));
  }

  @Test
  void one_report_per_day_with_findings_and_per_scripted_range_each_counting_its_findings() {
    // GIVEN
    scriptTwoDays(GROUP);
    // WHEN
    List<FindingsReportSummary> all = reports(DAY_1, DAY_3, null).findingsReportSummaries();
    // THEN by start, then end: day 1 (3 findings), the hour (2: itself and the whole-day one),
    // the anomaly's own range (2), day 2 (1: the anomaly)
    assertThat(all)
        .extracting(
            FindingsReportSummary::profileStartTime,
            FindingsReportSummary::profileEndTime,
            FindingsReportSummary::totalNumberOfFindings)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DAY_1, DAY_2, 3),
            org.assertj.core.groups.Tuple.tuple(T0, T0.plusSeconds(3600), 2),
            org.assertj.core.groups.Tuple.tuple(DAY_2.minusSeconds(600), DAY_2.plusSeconds(600), 2),
            org.assertj.core.groups.Tuple.tuple(DAY_2, DAY_3, 1));
    assertThat(all).allSatisfy(r -> assertThat(r.profilingGroupName()).isEqualTo(GROUP));
    assertThat(all)
        .extracting(FindingsReportSummary::id)
        .doesNotHaveDuplicates()
        .allSatisfy(
            id ->
                assertThat(id)
                    .matches("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"));
    // ... every report counts exactly what GetRecommendations answers for its range
    for (FindingsReportSummary r : all) {
      var found =
          client.getRecommendations(
              b ->
                  b.profilingGroupName(GROUP)
                      .startTime(r.profileStartTime())
                      .endTime(r.profileEndTime()));
      assertThat(found.recommendations().size() + found.anomalies().size())
          .as("findings of %s", r)
          .isEqualTo(r.totalNumberOfFindings());
    }
    // ... the Java API sees the same reports, with the same ids
    assertThat(fake.findingsReports(GROUP))
        .extracting(FindingsReport::id)
        .containsExactlyElementsOf(all.stream().map(FindingsReportSummary::id).toList());
  }

  @Test
  void daily_reports_only_keeps_the_whole_days_and_the_range_selects_what_overlaps_it() {
    scriptTwoDays(GROUP);

    assertThat(reports(DAY_1, DAY_3, true).findingsReportSummaries())
        .extracting(FindingsReportSummary::profileStartTime)
        .containsExactly(DAY_1, DAY_2);
    assertThat(reports(DAY_2.plusSeconds(3600), DAY_3, false).findingsReportSummaries())
        .extracting(FindingsReportSummary::profileStartTime)
        .containsExactly(DAY_2);
    assertThat(reports(DAY_3, DAY_3.plusSeconds(60), false).findingsReportSummaries()).isEmpty();
  }

  @Test
  void an_instance_without_an_end_goes_on_until_now() {
    // The clock is at T0 + 1 h (2024-01-02T04:00Z); the instance started 10 minutes before T0.
    fake.addAnomaly(
        GROUP,
        anomaly(AnomalyInstance.builder().id(INSTANCE_A).startTime(T0.minusSeconds(600)).build()));
    clock.advance(Duration.ofDays(1));

    List<FindingsReportSummary> all =
        reports(DAY_1, DAY_3.plus(Duration.ofDays(1)), false).findingsReportSummaries();

    // It overlaps day 1 and, a day later, day 2 too; having no end, it has no report of its own.
    assertThat(all)
        .extracting(FindingsReportSummary::profileStartTime)
        .containsExactly(DAY_1, DAY_2);
    assertThat(
            client
                .getRecommendations(
                    b -> b.profilingGroupName(GROUP).startTime(DAY_2).endTime(DAY_3))
                .anomalies())
        .hasSize(1);
  }

  @Test
  void pages_follow_next_token_in_order_and_a_foreign_token_is_refused() {
    // GIVEN 7 reports: a day and 6 hours
    for (int h = 0; h < 6; h++) {
      fake.addRecommendation(
          GROUP, recommendation(DAY_1.plusSeconds(3600L * h), DAY_1.plusSeconds(3600L * (h + 1))));
    }
    // WHEN
    List<List<FindingsReportSummary>> pages =
        pages(
            token ->
                client.listFindingsReports(
                    b ->
                        b.profilingGroupName(GROUP)
                            .startTime(DAY_1)
                            .endTime(DAY_2)
                            .maxResults(3)
                            .nextToken(token)),
            ListFindingsReportsResponse::findingsReportSummaries,
            ListFindingsReportsResponse::nextToken);
    // THEN
    assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(pages.stream().flatMap(List::stream).map(FindingsReportSummary::id).toList())
        .containsExactlyElementsOf(
            reports(DAY_1, DAY_2, false).findingsReportSummaries().stream()
                .map(FindingsReportSummary::id)
                .toList());
    // A token of another operation is not a position here.
    fake.createProfilingGroup("second");
    String foreign = client.listProfilingGroups(b -> b.maxResults(1)).nextToken();
    assertThat(foreign).isNotNull();
    var r =
        raw(
            "GET",
            "/internal/profilingGroups/my-app/findingsReports?startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z&nextToken="
                + foreign,
            null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains(
            "at 'nextToken' failed to satisfy constraint: Member must be a nextToken that this operation returned");
    // A token of this operation is bound to the group and the parameters that issued it.
    String own =
        client
            .listFindingsReports(
                b -> b.profilingGroupName(GROUP).startTime(DAY_1).endTime(DAY_2).maxResults(3))
            .nextToken();
    for (String query :
        List.of(
            "startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z&dailyReportsOnly=true",
            "startTime=2024-01-02T00:00:00Z&endTime=2024-01-04T00:00:00Z")) {
      var other =
          raw(
              "GET",
              "/internal/profilingGroups/my-app/findingsReports?" + query + "&nextToken=" + own,
              null);
      assertThat(other.statusCode()).as(query).isEqualTo(400);
    }
  }

  @Test
  void the_account_summary_holds_the_latest_report_of_each_group_paginated() {
    // GIVEN three groups with findings, and one without
    for (String g : List.of("alpha", "beta", "gamma", "empty")) {
      fake.createProfilingGroup(g);
    }
    scriptTwoDays("alpha");
    fake.addRecommendation("beta", recommendation(T0, T0.plusSeconds(60)));
    fake.addAnomaly(
        "gamma", anomaly(instance(INSTANCE_B, DAY_1.plusSeconds(60), DAY_1.plusSeconds(120))));
    // WHEN
    List<List<FindingsReportSummary>> pages =
        pages(
            token -> client.getFindingsReportAccountSummary(b -> b.maxResults(2).nextToken(token)),
            GetFindingsReportAccountSummaryResponse::reportSummaries,
            GetFindingsReportAccountSummaryResponse::nextToken);
    // THEN by group name; each group's latest report (by end): alpha's day 2, beta's and gamma's
    // day 1
    assertThat(pages).extracting(List::size).containsExactly(2, 1);
    List<FindingsReportSummary> summaries = pages.stream().flatMap(List::stream).toList();
    assertThat(summaries)
        .extracting(
            FindingsReportSummary::profilingGroupName, FindingsReportSummary::profileStartTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", DAY_2),
            org.assertj.core.groups.Tuple.tuple("beta", DAY_1),
            org.assertj.core.groups.Tuple.tuple("gamma", DAY_1));
    // ... the same as the last report ListFindingsReports gives each group
    for (FindingsReportSummary s : summaries) {
      List<FindingsReport> own = fake.findingsReports(s.profilingGroupName());
      assertThat(own).extracting(FindingsReport::id).contains(s.id());
    }
    // ... and with dailyReportsOnly every summary is a daily report
    assertThat(
            client.getFindingsReportAccountSummary(b -> b.dailyReportsOnly(true)).reportSummaries())
        .allSatisfy(
            s ->
                assertThat(Duration.between(s.profileStartTime(), s.profileEndTime()))
                    .isEqualTo(Duration.ofDays(1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/internal/profilingGroups/my-app/findingsReports?endTime=2024-01-03T00:00:00Z|Value null at 'startTime' failed to satisfy constraint: Member must not be null",
        "/internal/profilingGroups/my-app/findingsReports?startTime=2024-01-03T00:00:00Z&endTime=2024-01-02T00:00:00Z|startTime must be before endTime",
        "/internal/profilingGroups/my-app/findingsReports?startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z&maxResults=0|Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
        "/internal/profilingGroups/my-app/findingsReports?startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z&maxResults=1001|Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
        "/internal/profilingGroups/my-app/findingsReports?startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z&dailyReportsOnly=yes|Value 'yes' at 'dailyReportsOnly' failed to satisfy constraint: Member must be a boolean",
        "/internal/findingsReports?nextToken=not%20a%20token|Value 'not a token' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern",
        "/internal/findingsReports?nextToken=never-issued|Value 'never-issued' at 'nextToken' failed to satisfy constraint: Member must be a nextToken that this operation returned",
        "/internal/findingsReports?maxResults=many|Value 'many' at 'maxResults' failed to satisfy constraint: Member must be an integer",
      })
  void bad_input_is_a_400_naming_the_member_and_the_rule(String path, String message) {
    var r = raw("GET", path, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
  }

  @Test
  void an_unknown_group_is_404_for_list_findings_reports() {
    var r =
        raw(
            "GET",
            "/internal/profilingGroups/ghost/findingsReports?startTime=2024-01-02T00:00:00Z&endTime=2024-01-03T00:00:00Z",
            null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("Profiling group 'ghost' does not exist.");
  }

  /** Every page of a paginated answer, following nextToken from the first page. */
  static <P> List<List<FindingsReportSummary>> pages(
      Function<String, P> fetch,
      Function<P, List<FindingsReportSummary>> items,
      Function<P, String> nextToken) {
    List<List<FindingsReportSummary>> pages = new ArrayList<>();
    String token = null;
    do {
      P page = fetch.apply(token);
      pages.add(items.apply(page));
      token = nextToken.apply(page);
    } while (token != null && pages.size() < 100);
    return pages;
  }
}
