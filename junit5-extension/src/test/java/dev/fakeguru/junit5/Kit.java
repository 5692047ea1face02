package dev.fakeguru.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes (disabled for the build's own run) through the Jupiter engine. */
final class Kit {
  static final String RUN_VIA_KIT = "run via EngineTestKit";

  private Kit() {}

  static EngineExecutionResults run(Class<?>... fixtures) {
    return builder(fixtures).execute();
  }

  static EngineExecutionResults runConcurrently(Class<?>... fixtures) {
    return builder(fixtures)
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter(
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "6")
        .execute();
  }

  static EngineTestKit.Builder builder(Class<?>... fixtures) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(
            "junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
        .selectors(Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(ClassSelector[]::new));
  }
}
