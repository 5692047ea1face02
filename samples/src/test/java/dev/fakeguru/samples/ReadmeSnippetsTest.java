package dev.fakeguru.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the documentation in sync with the samples by construction: every region of sample source
 * between {@code // tag::name[]} and {@code // end::name[]} must appear verbatim in the
 * documentation (only the leading indentation of the block as a whole may differ), every Java block
 * of the documentation must be such a region, and every {@code Sample: path} line must name an
 * existing file. Regions may nest; marker lines are never part of a region.
 *
 * <p>The documentation is the project's {@code README.md} and every page under {@code docs/}; the
 * system property {@code fakeguru.readme} (relative to the samples module) names another README.
 */
class ReadmeSnippetsTest {
  private static final Pattern START = Pattern.compile("^\\s*// tag::([A-Za-z0-9_-]+)\\[]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([A-Za-z0-9_-]+)\\[]\\s*$");
  private static final Pattern SAMPLE_LINE = Pattern.compile("^Sample: (\\S+)\\s*$");

  /**
   * A tagged region: where it is, and its lines without marker lines and without common
   * indentation.
   */
  record Region(String name, Path file, int line, List<String> lines) {}

  /**
   * The samples module: the working directory under Maven, or {@code samples/} below it in an IDE.
   */
  static Path moduleDir() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("src/test/java/dev/fakeguru/samples"))
        ? here
        : here.resolve("samples");
  }

  static Path readme() {
    return moduleDir().resolve(System.getProperty("fakeguru.readme", "../README.md")).normalize();
  }

  static List<Region> regions() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(moduleDir().resolve("src"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    List<Region> regions = new ArrayList<>();
    for (Path source : sources) {
      regions.addAll(regionsOf(source));
    }
    return regions;
  }

  static List<Region> regionsOf(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    Map<String, Integer> open = new LinkedHashMap<>();
    Map<String, List<String>> bodies = new LinkedHashMap<>();
    List<Region> done = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher start = START.matcher(line);
      Matcher end = END.matcher(line);
      if (start.matches()) {
        String name = start.group(1);
        if (open.containsKey(name)) {
          throw new AssertionError(where(source, i) + ": tag::" + name + "[] opened twice");
        }
        open.put(name, i + 1);
        bodies.put(name, new ArrayList<>());
      } else if (end.matches()) {
        String name = end.group(1);
        Integer from = open.remove(name);
        if (from == null) {
          throw new AssertionError(
              where(source, i) + ": end::" + name + "[] without tag::" + name + "[]");
        }
        done.add(new Region(name, source, from, dedent(bodies.remove(name))));
      } else {
        bodies.values().forEach(body -> body.add(line));
      }
    }
    if (!open.isEmpty()) {
      throw new AssertionError(source + ": tag(s) never closed: " + open.keySet());
    }
    return done;
  }

  private static String where(Path source, int index) {
    return source + ":" + (index + 1);
  }

  /** Trailing blanks and leading/trailing empty lines removed, then the common indentation. */
  static List<String> dedent(List<String> raw) {
    List<String> lines = new ArrayList<>(raw.stream().map(String::stripTrailing).toList());
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    int indent =
        lines.stream()
            .filter(l -> !l.isEmpty())
            .mapToInt(ReadmeSnippetsTest::indentOf)
            .min()
            .orElse(0);
    return lines.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
  }

  private static int indentOf(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Whether {@code doc} holds {@code region} as consecutive lines, all indented by the same
   * whitespace prefix.
   */
  static boolean containsVerbatim(List<String> doc, List<String> region) {
    if (region.isEmpty()) {
      return true;
    }
    for (int i = 0; i + region.size() <= doc.size(); i++) {
      String first = doc.get(i);
      if (!first.endsWith(region.get(0))) {
        continue;
      }
      String prefix = first.substring(0, first.length() - region.get(0).length());
      if (!prefix.isBlank()) {
        continue;
      }
      boolean all = true;
      for (int k = 1; k < region.size() && all; k++) {
        String want = region.get(k).isEmpty() ? "" : prefix + region.get(k);
        all = doc.get(i + k).equals(want);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  /** The README and the pages under {@code docs/} beside it. */
  static List<Path> docs() throws IOException {
    Path readme = readme();
    assertThat(readme).as("the README to check").exists();
    List<Path> docs = new ArrayList<>(List.of(readme));
    Path pages = readme.resolveSibling("docs");
    if (Files.isDirectory(pages)) {
      try (Stream<Path> files = Files.list(pages)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  static List<String> linesOf(Path doc) throws IOException {
    return Files.readAllLines(doc, StandardCharsets.UTF_8).stream()
        .map(String::stripTrailing)
        .toList();
  }

  /** Every documentation line, the files one after another. */
  static List<String> docLines() throws IOException {
    List<String> all = new ArrayList<>();
    for (Path doc : docs()) {
      all.addAll(linesOf(doc));
      all.add("");
    }
    return all;
  }

  @TestFactory
  Stream<DynamicTest> everyTaggedRegionIsInTheReadmeVerbatim() throws IOException {
    List<String> doc = docLines();
    List<Region> regions = regions();
    assertThat(regions).as("tagged regions in the sample sources").hasSizeGreaterThanOrEqualTo(10);
    assertThat(regions).extracting(Region::name).as("tag names").doesNotHaveDuplicates();
    return regions.stream()
        .map(
            region ->
                DynamicTest.dynamicTest(
                    region.name(),
                    () -> {
                      if (!containsVerbatim(doc, region.lines())) {
                        throw new AssertionError(
                            "No documentation page (README.md, docs/*.md) holds the region tag::"
                                + region.name()
                                + "[] of "
                                + moduleDir().relativize(region.file())
                                + ":"
                                + region.line()
                                + ". Copy it verbatim into the page it belongs to:\n\n```java\n"
                                + String.join("\n", region.lines())
                                + "\n```");
                      }
                    }));
  }

  @Test
  void everyJavaBlockInTheDocumentationIsASampleRegion() throws IOException {
    List<List<String>> regions = regions().stream().map(Region::lines).toList();
    List<String> strays = new ArrayList<>();
    for (Path doc : docs()) {
      List<String> lines = linesOf(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).strip().equals("```java")) {
          continue;
        }
        int start = i + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).strip().equals("```")) {
          end++;
        }
        List<String> block = dedent(lines.subList(start, end));
        if (!regions.contains(block)) {
          strays.add(doc.getFileName() + ":" + start + " (" + block.size() + " lines)");
        }
        i = end;
      }
    }
    assertThat(strays)
        .as("java blocks in the documentation that are not copied from a sample region")
        .isEmpty();
  }

  @Test
  void everySamplePathInTheReadmeExists() throws IOException {
    List<String> samplePaths =
        docLines().stream()
            .map(SAMPLE_LINE::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1))
            .toList();
    assertThat(samplePaths).isNotEmpty();
    Path repo = moduleDir().getParent();
    assertThat(samplePaths)
        .allSatisfy(p -> assertThat(repo.resolve(p)).as("Sample: " + p).isRegularFile());
  }

  /**
   * The README's Install section shows the pom fragment that CI builds as a consumer would ({@code
   * it/consumer/pom.xml} between its {@code install:begin} and {@code install:end} markers).
   */
  @Test
  void theInstallSectionIsTheConsumerCheckPom() throws IOException {
    Path repo = moduleDir().getParent();
    List<String> pom =
        Files.readAllLines(repo.resolve("it/consumer/pom.xml"), StandardCharsets.UTF_8);
    int begin = pom.indexOf("  <!-- install:begin -->");
    int end = pom.indexOf("  <!-- install:end -->");
    assertThat(begin).as("install:begin marker").isNotNegative();
    assertThat(end).as("install:end marker").isGreaterThan(begin);
    List<String> fragment = dedent(pom.subList(begin + 1, end));
    assertThat(containsVerbatim(linesOf(readme()), fragment))
        .as("README.md holds it/consumer/pom.xml's install fragment verbatim")
        .isTrue();
  }

  @Test
  void theMatcherIgnoresOnlyTheIndentationOfTheWholeBlock() {
    List<String> region = dedent(List.of("    a(", "      b);", "", "    c();"));
    assertThat(region).containsExactly("a(", "  b);", "", "c();");
    assertThat(containsVerbatim(List.of("x", "  a(", "    b);", "", "  c();"), region)).isTrue();
    assertThat(containsVerbatim(List.of("a(", "b);", "", "c();"), region))
        .as("relative indentation kept")
        .isFalse();
    assertThat(containsVerbatim(List.of("a(", "  b);", "c();"), region))
        .as("blank lines kept")
        .isFalse();
  }
}
