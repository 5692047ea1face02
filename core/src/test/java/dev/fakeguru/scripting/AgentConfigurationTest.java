package dev.fakeguru.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What ConfigureAgent answers: the defaults, the fast variant, copies, and the preconditions. */
class AgentConfigurationTest {

  @Test
  void the_defaults_are_what_the_service_answers_a_python_agent() {
    AgentConfiguration c = AgentConfiguration.defaults();
    assertThat(c.shouldProfile()).isTrue();
    assertThat(c.periodInSeconds()).isEqualTo(300);
    assertThat(c.agentParameters())
        .containsExactly(
            Map.entry(AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS, "1000"),
            Map.entry(AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, "60000"),
            Map.entry(AgentConfiguration.MAX_STACK_DEPTH, "1000"),
            Map.entry(AgentConfiguration.MEMORY_USAGE_LIMIT_PERCENT, "10"),
            Map.entry(AgentConfiguration.REPORTING_INTERVAL_IN_MILLISECONDS, "300000"));
  }

  @Test
  void fast_reporting_reports_and_may_report_every_period_and_samples_every_100_ms() {
    AgentConfiguration c = AgentConfiguration.fastReporting(2);
    assertThat(c.periodInSeconds()).isEqualTo(2);
    assertThat(c.agentParameters())
        .containsEntry(AgentConfiguration.REPORTING_INTERVAL_IN_MILLISECONDS, "2000")
        .containsEntry(AgentConfiguration.MINIMUM_TIME_FOR_REPORTING_IN_MILLISECONDS, "2000")
        .containsEntry(AgentConfiguration.SAMPLING_INTERVAL_IN_MILLISECONDS, "100")
        .containsEntry(AgentConfiguration.MAX_STACK_DEPTH, "1000");
  }

  @Test
  void each_with_method_changes_one_part_of_a_copy() {
    AgentConfiguration base = AgentConfiguration.defaults();

    assertThat(base.withShouldProfile(false).shouldProfile()).isFalse();
    assertThat(base.withPeriodInSeconds(5).periodInSeconds()).isEqualTo(5);
    assertThat(base.withAgentParameter("MaxStackDepth", "50").agentParameters())
        .containsEntry("MaxStackDepth", "50")
        .hasSameSizeAs(base.agentParameters());
    assertThat(base).isEqualTo(AgentConfiguration.defaults());
  }

  @Test
  void the_parameters_are_copied_and_cannot_be_changed() {
    Map<String, String> given = new HashMap<>(Map.of("a", "1"));
    AgentConfiguration c = new AgentConfiguration(true, 60, given);
    given.put("b", "2");

    assertThat(c.agentParameters()).containsOnlyKeys("a").isUnmodifiable();
  }

  @Test
  void a_period_below_one_second_is_refused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AgentConfiguration(true, 0, Map.of()))
        .withMessage("periodInSeconds must be >= 1, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentConfiguration.fastReporting(0))
        .withMessage("periodInSeconds must be >= 1, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AgentConfiguration.defaults().withPeriodInSeconds(-5))
        .withMessage("periodInSeconds must be >= 1, but was -5");
  }

  @Test
  void null_parameters_are_refused_with_their_name() {
    assertThatNullPointerException()
        .isThrownBy(() -> new AgentConfiguration(true, 1, null))
        .withMessage("agentParameters");
    assertThatNullPointerException()
        .isThrownBy(() -> AgentConfiguration.defaults().withAgentParameter(null, "1"))
        .withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> AgentConfiguration.defaults().withAgentParameter("x", null))
        .withMessage("value");
  }
}
