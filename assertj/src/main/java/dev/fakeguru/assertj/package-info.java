/**
 * AssertJ assertions over CodeGuru profiles, call trees, the fake and the posts it received. Start
 * from {@link
 * dev.fakeguru.assertj.CodeGuruProfilerAssertions#assertThat(dev.fakeguru.profile.Profile)} (or
 * {@code assertThat(fake)} for any {@link dev.fakeguru.ProfilerFake}), from the {@link
 * dev.fakeguru.assertj.WithCodeGuruProfilerAssertions} mix-in, or, for soft assertions, from {@link
 * dev.fakeguru.assertj.CodeGuruProfilerSoftAssertions}. Extend the {@code Abstract…Assert} classes
 * to write assertions of your own.
 *
 * <p><b>Public API</b>: every type here is {@code @API(status = STABLE)}.
 */
package dev.fakeguru.assertj;
