package dev.fakeguru.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page tokens the fake remembers are bounded in number: the oldest expire first. */
class PageTokensTest {
  @Test
  void only_the_newest_tokens_are_remembered() {
    PageTokens tokens = new PageTokens();
    List<String> issued = new ArrayList<>();
    for (int i = 0; i <= PageTokens.MAX_TOKENS; i++) {
      issued.add(tokens.issue("scope", "position-" + i));
    }

    assertThat(tokens.position("scope", issued.get(0))).isEmpty();
    assertThat(tokens.position("scope", issued.get(1))).hasValue("position-1");
    assertThat(tokens.position("scope", issued.get(PageTokens.MAX_TOKENS)))
        .hasValue("position-" + PageTokens.MAX_TOKENS);
    assertThat(tokens.position("other scope", issued.get(1))).isEmpty();
  }
}
