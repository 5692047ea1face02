/**
 * Agent conformance: whether a profiling agent behaves like a good CodeGuru Profiler agent, judged
 * from what the fake recorded for one profiling group. A {@link
 * dev.fakeguru.conformance.ConformanceReport} holds a {@link dev.fakeguru.conformance.RuleVerdict}
 * (pass, fail, not observed) with its {@link dev.fakeguru.conformance.Evidence} for every {@link
 * dev.fakeguru.conformance.ConformanceRule}; an {@link dev.fakeguru.conformance.AgentScenario}
 * steers an agent through pauses, period changes and faults while the fake records, and its {@link
 * dev.fakeguru.conformance.ScenarioRun} produces the report.
 *
 * <pre>{@code
 * ConformanceReport report = fake.conformance("my-app");
 * if (!report.passes()) {
 *   System.out.println(report.toText());
 * }
 * }</pre>
 *
 * <p>Public API.
 */
package dev.fakeguru.conformance;
