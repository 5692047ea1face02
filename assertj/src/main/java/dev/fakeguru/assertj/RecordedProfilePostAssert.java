package dev.fakeguru.assertj;

import dev.fakeguru.recording.RecordedProfilePost;
import org.apiguardian.api.API;

/**
 * Assertions over one post (PostAgentProfile call) the fake received; create one with {@link
 * CodeGuruProfilerAssertions#assertThat(RecordedProfilePost)}.
 *
 * <p>Not final and with a public constructor, so that AssertJ's soft assertions can proxy it.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class RecordedProfilePostAssert
    extends AbstractRecordedProfilePostAssert<RecordedProfilePostAssert, RecordedProfilePost> {

  /**
   * Creates the assertion; prefer {@link
   * CodeGuruProfilerAssertions#assertThat(RecordedProfilePost)}.
   *
   * @param actual the post under test
   */
  public RecordedProfilePostAssert(RecordedProfilePost actual) {
    super(actual, RecordedProfilePostAssert.class);
  }
}
