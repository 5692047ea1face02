/**
 * FakeGuru's public API: {@link dev.fakeguru.FakeCodeGuruProfiler}, a fake Amazon CodeGuru Profiler
 * server for tests, and {@link dev.fakeguru.ProfilerFake}, everything a test does with it (script,
 * run, verify). The values it takes and gives live in {@code recording} (calls and posts), {@code
 * fault} (injected faults), {@code scripting} (scripted answers) and {@code time} (the settable
 * clock); profiles in {@code profile} and their codecs in {@code codec}.
 *
 * <pre>{@code
 * try (FakeCodeGuruProfiler fake = FakeCodeGuruProfiler.builder().profilingGroup("my-app").start()) {
 *   // point an SDK client or agent at fake.endpoint(), run the code under test, then:
 *   assertThat(fake.storedProfiles("my-app")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Public API: types here are marked with their {@code @API} status. Everything under {@code
 * dev.fakeguru.internal} is not.
 */
package dev.fakeguru;
