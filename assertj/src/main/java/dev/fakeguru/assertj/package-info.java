/**
 * <b>Public</b>: AssertJ assertions over CodeGuru profiles and call trees. Start from {@link
 * dev.fakeguru.assertj.CodeGuruProfilerAssertions#assertThat(dev.fakeguru.profile.Profile)} or, for soft
 * assertions, {@link dev.fakeguru.assertj.CodeGuruProfilerSoftAssertions}.
 */
package dev.fakeguru.assertj;
