package dev.fakeguru.assertj;

import dev.fakeguru.ProfilerFake;
import org.apiguardian.api.API;

/**
 * Assertions over what a fake received; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(ProfilerFake)}. Any {@link ProfilerFake} will do: a {@code
 * FakeCodeGuruProfiler} or the JUnit extension's field ({@code FakeCodeGuruProfilerExtension}).
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class FakeCodeGuruProfilerAssert
    extends AbstractFakeCodeGuruProfilerAssert<FakeCodeGuruProfilerAssert, ProfilerFake> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(ProfilerFake)}.
   *
   * @param actual the fake under test
   */
  public FakeCodeGuruProfilerAssert(ProfilerFake actual) {
    super(actual, FakeCodeGuruProfilerAssert.class);
  }
}
