package dev.fakeguru.assertj;

import static org.assertj.core.api.BDDAssertions.then;

import dev.fakeguru.profile.Profile;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftAssertionsExtension.class)
class CodeGuruProfilerSoftAssertions_extension_Test {

  @InjectSoftAssertions private CodeGuruProfilerSoftAssertions softly;

  @Test
  void should_be_injected_and_usable_with_the_extension() {
    Profile profile = Fixtures.webApp();
    then(softly).isNotNull();
    softly.assertThat(profile).hasCallPath("main", "handle", "queryDb").hasMaxDepth(3);
    softly.assertThat(profile.callTree()).hasFrameLike("query*");
    // the extension calls assertAll after the test; everything passed
    then(softly.wasSuccess()).isTrue();
  }
}
