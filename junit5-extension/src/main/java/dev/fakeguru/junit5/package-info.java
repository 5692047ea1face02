/**
 * Runs a fake Amazon CodeGuru Profiler around JUnit Jupiter tests: {@link
 * dev.fakeguru.junit5.FakeCodeGuruProfilerTest} for the declarative form, {@link
 * dev.fakeguru.junit5.FakeCodeGuruProfilerExtension} for {@code @RegisterExtension} fields.
 *
 * @since 0.1
 */
package dev.fakeguru.junit5;
