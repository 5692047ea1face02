package dev.fakeguru.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fakeguru.recording.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeguruprofiler.model.ComputePlatform;
import software.amazon.awssdk.services.codeguruprofiler.model.ConflictException;
import software.amazon.awssdk.services.codeguruprofiler.model.CreateProfilingGroupResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ListProfilingGroupsResponse;
import software.amazon.awssdk.services.codeguruprofiler.model.ProfilingGroupDescription;
import software.amazon.awssdk.services.codeguruprofiler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codeguruprofiler.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.codeguruprofiler.model.ValidationException;

class ProfilingGroupOperationsTest extends FakeServerTestBase {

  @Test
  void create_returns_the_bare_description_with_arn_and_timestamps() {
    CreateProfilingGroupResponse r =
        client.createProfilingGroup(
            b ->
                b.profilingGroupName("checkout")
                    .computePlatform(ComputePlatform.AWS_LAMBDA)
                    .agentOrchestrationConfig(c -> c.profilingEnabled(false))
                    .tags(java.util.Map.of("team", "perf")));

    ProfilingGroupDescription d = r.profilingGroup();
    assertThat(r.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(d.name()).isEqualTo("checkout");
    assertThat(d.arn())
        .isEqualTo("arn:aws:codeguru-profiler:us-east-1:123456789012:profilingGroup/checkout");
    assertThat(d.computePlatform()).isEqualTo(ComputePlatform.AWS_LAMBDA);
    assertThat(d.agentOrchestrationConfig().profilingEnabled()).isFalse();
    assertThat(d.createdAt()).isEqualTo(clock.instant());
    assertThat(d.updatedAt()).isEqualTo(clock.instant());
    assertThat(d.tags()).containsEntry("team", "perf");
    assertThat(fake.profilingGroupNames()).contains("checkout");
  }

  @Test
  void create_defaults_platform_and_profiling_enabled() {
    ProfilingGroupDescription d =
        client.createProfilingGroup(b -> b.profilingGroupName("g2")).profilingGroup();

    assertThat(d.computePlatform()).isEqualTo(ComputePlatform.DEFAULT);
    assertThat(d.agentOrchestrationConfig().profilingEnabled()).isTrue();
  }

  @Test
  void create_with_an_existing_name_is_a_conflict() {
    ConflictException e =
        catchThrowableOfType(
            ConflictException.class,
            () -> client.createProfilingGroup(b -> b.profilingGroupName(GROUP)));

    assertThat(e.statusCode()).isEqualTo(409);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Profiling group 'my-app' already exists.");
  }

  @Test
  void create_retried_with_the_same_client_token_returns_the_same_group() {
    ProfilingGroupDescription first =
        client
            .createProfilingGroup(b -> b.profilingGroupName("idem").clientToken("token-1"))
            .profilingGroup();
    clock.advance(Duration.ofMinutes(1));

    ProfilingGroupDescription again =
        client
            .createProfilingGroup(b -> b.profilingGroupName("idem").clientToken("token-1"))
            .profilingGroup();

    assertThat(again.createdAt()).isEqualTo(first.createdAt());
    assertThat(
            catchThrowableOfType(
                ConflictException.class,
                () ->
                    client.createProfilingGroup(
                        b -> b.profilingGroupName("idem").clientToken("token-2"))))
        .isNotNull();
  }

  @Test
  void create_validates_name_and_token() {
    assertValidation(
        () -> client.createProfilingGroup(b -> b.profilingGroupName("has space")),
        "1 validation error detected: Value 'has space' at 'profilingGroupName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: ^[\\w-]+$");
    assertValidation(
        () -> client.createProfilingGroup(b -> b.profilingGroupName("x".repeat(256))),
        "Member must have length between 1 and 255 (was 256)");
    assertValidation(
        () -> client.createProfilingGroup(b -> b.profilingGroupName("ok").clientToken("bad token")),
        "at 'clientToken' failed to satisfy constraint");
    assertValidation(
        () -> client.createProfilingGroup(b -> b.profilingGroupName("ünï")),
        "at 'profilingGroupName'");
    assertThat(fake.profilingGroupNames()).containsExactly(GROUP);
  }

  @Test
  void create_beyond_the_quota_is_refused_with_402() {
    try (var small =
            dev.fakeguru.FakeCodeGuruProfiler.builder()
                .profilingGroupQuota(1)
                .profilingGroup("only")
                .start();
        var c = sdkClient(small)) {
      ServiceQuotaExceededException e =
          catchThrowableOfType(
              ServiceQuotaExceededException.class,
              () -> c.createProfilingGroup(b -> b.profilingGroupName("more")));
      assertThat(e.statusCode()).isEqualTo(402);
      assertThat(small.profilingGroupNames()).containsExactly("only");
    }
  }

  @Test
  void describe_update_and_delete() {
    clock.advance(Duration.ofMinutes(3));
    ProfilingGroupDescription updated =
        client
            .updateProfilingGroup(
                b ->
                    b.profilingGroupName(GROUP)
                        .agentOrchestrationConfig(c -> c.profilingEnabled(false)))
            .profilingGroup();
    assertThat(updated.agentOrchestrationConfig().profilingEnabled()).isFalse();
    assertThat(updated.updatedAt()).isEqualTo(clock.instant()).isAfter(updated.createdAt());

    ProfilingGroupDescription described =
        client.describeProfilingGroup(b -> b.profilingGroupName(GROUP)).profilingGroup();
    assertThat(described).isEqualTo(updated);

    assertThat(
            client
                .deleteProfilingGroup(b -> b.profilingGroupName(GROUP))
                .sdkHttpResponse()
                .statusCode())
        .isEqualTo(204);
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> client.describeProfilingGroup(b -> b.profilingGroupName(GROUP))))
        .hasMessageContaining("Profiling group 'my-app' does not exist.");
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> client.deleteProfilingGroup(b -> b.profilingGroupName(GROUP))))
        .isNotNull();
  }

  @Test
  void delete_drops_the_profiles_so_a_recreated_group_starts_empty() {
    post(GROUP, profileAt(1, 5, "main"));
    client.deleteProfilingGroup(b -> b.profilingGroupName(GROUP));
    client.createProfilingGroup(b -> b.profilingGroupName(GROUP));

    assertThat(fake.aggregatedProfile(GROUP, T0, T0.plus(Duration.ofHours(1)))).isEmpty();
  }

  @Test
  void update_requires_the_orchestration_config() {
    assertValidation(
        () ->
            client.updateProfilingGroup(
                b -> b.profilingGroupName(GROUP).agentOrchestrationConfig(c -> {})),
        "at 'agentOrchestrationConfig.profilingEnabled' failed to satisfy constraint: Member must not be null");
  }

  @Test
  void list_returns_sorted_names_and_descriptions_on_request() {
    for (String n : List.of("zeta", "alpha", "mid")) {
      client.createProfilingGroup(b -> b.profilingGroupName(n));
    }

    ListProfilingGroupsResponse names = client.listProfilingGroups(b -> {});
    assertThat(names.profilingGroupNames()).containsExactly("alpha", "mid", GROUP, "zeta");
    assertThat(names.hasProfilingGroups()).isFalse();

    ListProfilingGroupsResponse full = client.listProfilingGroups(b -> b.includeDescription(true));
    assertThat(full.profilingGroups())
        .extracting(ProfilingGroupDescription::name)
        .containsExactly("alpha", "mid", GROUP, "zeta");
    assertThat(full.profilingGroups().get(0).arn()).endsWith(":profilingGroup/alpha");
  }

  @Test
  void list_paginates_with_next_tokens_and_the_sdk_paginator() {
    for (int i = 0; i < 25; i++) {
      String n = String.format("g%02d", i);
      client.createProfilingGroup(b -> b.profilingGroupName(n));
    }
    ListProfilingGroupsResponse page1 = client.listProfilingGroups(b -> b.maxResults(10));
    assertThat(page1.profilingGroupNames()).hasSize(10).startsWith("g00");
    assertThat(page1.nextToken()).isNotBlank();

    List<String> all = new ArrayList<>();
    client
        .listProfilingGroupsPaginator(b -> b.maxResults(7))
        .forEach(p -> all.addAll(p.profilingGroupNames()));
    assertThat(all).hasSize(26).isSorted().doesNotHaveDuplicates();

    assertValidation(
        () -> client.listProfilingGroups(b -> b.maxResults(0)),
        "at 'maxResults' failed to satisfy constraint");
    assertValidation(
        () -> client.listProfilingGroups(b -> b.nextToken("never-issued")), "at 'nextToken'");
  }

  @Test
  void every_call_is_recorded_with_operation_group_and_status() {
    client.describeProfilingGroup(b -> b.profilingGroupName(GROUP));
    catchThrowableOfType(
        ResourceNotFoundException.class,
        () -> client.describeProfilingGroup(b -> b.profilingGroupName("nope")));

    assertThat(fake.callCount(Operation.DESCRIBE_PROFILING_GROUP)).isEqualTo(2);
    assertThat(fake.recordedCalls(Operation.DESCRIBE_PROFILING_GROUP, "nope"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(404);
              assertThat(c.errorType()).hasValue("ResourceNotFoundException");
              assertThat(c.header("authorization"))
                  .hasValueSatisfying(
                      a -> assertThat(a).contains("/codeguru-profiler/aws4_request"));
            });
  }

  static void assertValidation(Runnable call, String expectedMessagePart) {
    ValidationException e = catchThrowableOfType(ValidationException.class, call::run);
    assertThat(e).as("expected a ValidationException").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorMessage()).contains(expectedMessagePart);
  }
}
