package dev.fakeguru.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/conformance.md states every rule exactly as {@link ConformanceRule} does, one table row
 * each: id, requirement, tolerance and source; a rule changed in one place fails here until the
 * other follows.
 */
class ConformanceRuleDocsTest {

  static List<String> docLines() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path docs = here.resolve(Files.isDirectory(here.resolve("src")) ? "../docs" : "docs");
    return Files.readAllLines(docs.resolve("conformance.md"), StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ConformanceRule.class)
  void the_docs_table_states_the_rule_as_the_code_does(ConformanceRule rule) throws IOException {
    String row =
        "| `"
            + rule.id()
            + "` | "
            + rule.requirement()
            + " | "
            + rule.tolerance()
            + " | "
            + rule.source()
            + " |";

    assertThat(docLines()).contains(row);
    assertThat(ConformanceRule.byId(rule.id())).contains(rule);
  }
}
