package dev.fakeguru.assertj;

import dev.fakeguru.FakeCodeGuruProfiler;

/**
 * Assertions over what a {@link FakeCodeGuruProfiler} received; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(FakeCodeGuruProfiler)}.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
public class FakeCodeGuruProfilerAssert
    extends AbstractFakeCodeGuruProfilerAssert<FakeCodeGuruProfilerAssert, FakeCodeGuruProfiler> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(FakeCodeGuruProfiler)}.
   *
   * @param actual the fake under test
   */
  public FakeCodeGuruProfilerAssert(FakeCodeGuruProfiler actual) {
    super(actual, FakeCodeGuruProfilerAssert.class);
  }
}
