package dev.fakeguru.assertj;

import dev.fakeguru.profile.Profile;
import org.apiguardian.api.API;

/**
 * Assertions over a {@link Profile}; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(Profile)}.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ProfileAssert extends AbstractProfileAssert<ProfileAssert, Profile> {

  /**
   * Creates the assertion; prefer {@link CodeGuruProfilerAssertions#assertThat(Profile)}.
   *
   * @param actual the profile under test
   */
  public ProfileAssert(Profile actual) {
    super(actual, ProfileAssert.class);
  }
}
