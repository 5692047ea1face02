package dev.fakeguru.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.fakeguru.recording.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fault rule reads back what it was given, refuses impossible schedules, and targets calls. */
class FaultRuleTest {
  private static final ProfilerFault FAULT = ProfilerFault.throttling();

  private static IncomingRequest request(Operation op, String group, String header) {
    return new IncomingRequest(
        op,
        Optional.ofNullable(group),
        "GET",
        "/x",
        Map.of(),
        header == null ? Map.of() : Map.of("x-test", List.of(header)),
        new byte[0]);
  }

  @Test
  void a_new_rule_targets_every_call_and_fires_on_each_until_removed() {
    FaultRule rule = FaultRule.of(FAULT);

    assertThat(rule.fault()).isSameAs(FAULT);
    assertThat(rule.operations()).isEmpty();
    assertThat(rule.profilingGroup()).isEmpty();
    assertThat(rule.predicate()).isEmpty();
    assertThat(rule.afterSuccesses()).isZero();
    assertThat(rule.everyNthCall()).isEqualTo(1);
    assertThat(rule.probability()).isEqualTo(1.0);
    assertThat(rule.seed()).isZero();
    assertThat(rule.nextCalls()).isEmpty();
    assertThat(rule.timing()).isEqualTo(FaultRule.Timing.BEFORE_EFFECT);
    assertThat(rule.targets(request(Operation.GET_PROFILE, null, null))).isTrue();
  }

  @Test
  void every_setting_reads_back_as_given() {
    Predicate<IncomingRequest> tagged = r -> r.header("x-test").isPresent();
    FaultRule rule =
        FaultRule.of(FAULT)
            .onOperation(Operation.POST_AGENT_PROFILE, Operation.GET_PROFILE)
            .forProfilingGroup("checkout")
            .when(tagged)
            .afterSuccesses(2)
            .everyNthCall(3)
            .withProbability(0.25, 42L)
            .nextCalls(4)
            .afterEffect();

    assertThat(rule.operations())
        .containsExactlyInAnyOrder(Operation.POST_AGENT_PROFILE, Operation.GET_PROFILE);
    assertThat(rule.profilingGroup()).hasValue("checkout");
    assertThat(rule.predicate()).hasValue(tagged);
    assertThat(rule.afterSuccesses()).isEqualTo(2);
    assertThat(rule.everyNthCall()).isEqualTo(3);
    assertThat(rule.probability()).isEqualTo(0.25);
    assertThat(rule.seed()).isEqualTo(42L);
    assertThat(rule.nextCalls()).isEqualTo(OptionalInt.of(4));
    assertThat(rule.timing()).isEqualTo(FaultRule.Timing.AFTER_EFFECT);
  }

  @Test
  void each_setting_returns_a_new_rule_and_leaves_the_old_one_as_it_was() {
    FaultRule base = FaultRule.of(FAULT);

    FaultRule narrowed = base.onOperation(Operation.GET_PROFILE).nextCalls(1);

    assertThat(narrowed).isNotSameAs(base);
    assertThat(base.operations()).isEmpty();
    assertThat(base.nextCalls()).isEmpty();
  }

  @Test
  void on_operation_adds_to_the_operations_targeted_before() {
    FaultRule rule =
        FaultRule.of(FAULT)
            .onOperation(Operation.GET_PROFILE)
            .onOperation(Operation.CONFIGURE_AGENT);

    assertThat(rule.operations())
        .containsExactlyInAnyOrder(Operation.GET_PROFILE, Operation.CONFIGURE_AGENT);
    assertThat(rule.targets(request(Operation.CONFIGURE_AGENT, null, null))).isTrue();
    assertThat(rule.targets(request(Operation.POST_AGENT_PROFILE, null, null))).isFalse();
  }

  @Test
  void the_operations_read_back_cannot_change_the_rule() {
    FaultRule rule = FaultRule.of(FAULT).onOperation(Operation.GET_PROFILE);

    assertThat(rule.operations()).isUnmodifiable();
  }

  @Test
  void a_group_target_needs_a_call_naming_that_group() {
    FaultRule rule = FaultRule.of(FAULT).forProfilingGroup("checkout");

    assertThat(rule.targets(request(Operation.GET_PROFILE, "checkout", null))).isTrue();
    assertThat(rule.targets(request(Operation.GET_PROFILE, "other", null))).isFalse();
    assertThat(rule.targets(request(Operation.LIST_PROFILING_GROUPS, null, null))).isFalse();
  }

  @Test
  void predicates_given_twice_must_both_hold() {
    FaultRule rule =
        FaultRule.of(FAULT)
            .when(r -> r.header("x-test").isPresent())
            .when(r -> r.header("x-test").orElse("").equals("yes"));

    assertThat(rule.targets(request(Operation.GET_PROFILE, null, "yes"))).isTrue();
    assertThat(rule.targets(request(Operation.GET_PROFILE, null, "no"))).isFalse();
    assertThat(rule.targets(request(Operation.GET_PROFILE, null, null))).isFalse();
  }

  @Test
  void next_calls_needs_at_least_one() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FaultRule.of(FAULT).nextCalls(0))
        .withMessage("nextCalls needs n >= 1, but was 0");
  }

  @Test
  void after_successes_cannot_be_negative() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FaultRule.of(FAULT).afterSuccesses(-1))
        .withMessage("afterSuccesses needs n >= 0, but was -1");
    assertThat(FaultRule.of(FAULT).afterSuccesses(0).afterSuccesses()).isZero();
  }

  @Test
  void one_is_the_smallest_schedule_and_cap() {
    assertThat(FaultRule.of(FAULT).everyNthCall(1).everyNthCall()).isEqualTo(1);
    assertThat(FaultRule.of(FAULT).nextCalls(1).nextCalls()).isEqualTo(OptionalInt.of(1));
  }

  @Test
  void every_nth_call_needs_at_least_one() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FaultRule.of(FAULT).everyNthCall(0))
        .withMessage("everyNthCall needs k >= 1, but was 0");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
  void a_probability_outside_zero_to_one_is_refused(double p) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> FaultRule.of(FAULT).withProbability(p, 1L))
        .withMessage("probability must be in [0, 1], but was " + p);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {0.0, 1.0})
  void a_probability_of_zero_or_one_is_allowed(double p) {
    assertThat(FaultRule.of(FAULT).withProbability(p, 1L).probability()).isEqualTo(p);
  }

  @Test
  void null_arguments_are_refused_with_their_name() {
    FaultRule rule = FaultRule.of(FAULT);
    assertThatNullPointerException().isThrownBy(() -> FaultRule.of(null)).withMessage("fault");
    assertThatNullPointerException()
        .isThrownBy(() -> rule.onOperation(null))
        .withMessage("operation");
    assertThatNullPointerException()
        .isThrownBy(() -> rule.onOperation(Operation.GET_PROFILE, (Operation) null))
        .withMessage("operation");
    assertThatNullPointerException()
        .isThrownBy(() -> rule.forProfilingGroup(null))
        .withMessage("name");
    assertThatNullPointerException().isThrownBy(() -> rule.when(null)).withMessage("predicate");
  }

  @Test
  void to_string_names_every_setting_that_differs_from_the_default() {
    assertThat(FaultRule.of(FAULT))
        .hasToString("429 ThrottlingException \"Rate exceeded\" on any operation");
    assertThat(
            FaultRule.of(FAULT)
                .when(r -> true)
                .afterSuccesses(2)
                .everyNthCall(3)
                .withProbability(0.5, 7L)
                .nextCalls(1))
        .hasToString(
            "429 ThrottlingException \"Rate exceeded\" on any operation when a predicate holds"
                + " after 2 successes every 3 calls with probability 0.5 (seed 7) at most 1 time");
  }
}
