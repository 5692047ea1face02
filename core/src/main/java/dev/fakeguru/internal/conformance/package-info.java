/**
 * Internal: the agent conformance checker and the scenario runner. The checker reads the engine's
 * journal for one profiling group (the calls with what each was answered, the posts with their
 * bytes) and judges it rule by rule into a {@code dev.fakeguru.conformance.ConformanceReport}; the
 * runner scripts the engine (a ConfigureAgent schedule, timed fault rules) and makes the report
 * when the scenario ends. An entry point for the Java API and the admin API, which are peers over
 * it. This package is an implementation detail of FakeGuru and <b>not API</b>; it may change or
 * disappear in any release without notice.
 */
package dev.fakeguru.internal.conformance;
