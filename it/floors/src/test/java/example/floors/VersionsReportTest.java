package example.floors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Writes the versions this run really loaded, read from the jar each class came from, for {@code
 * it/floors/run}, which builds the README's "Supported versions" table from them and fails when
 * the table says otherwise. A BOM that failed to pin a version shows up here, not as a silent pass.
 */
@Tag("at-floor")
@Tag("below-core")
@Tag("below-sdk")
class VersionsReportTest {

  /** Table key, the artifact the jar is named after, and a class that only that jar holds. */
  private static final String[][] LIBRARIES = {
    {"jackson-core", "jackson-core", "com.fasterxml.jackson.core.JsonFactory"},
    {"jackson-databind", "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"},
    {"ion-java", "ion-java", "com.amazon.ion.IonReader"},
    {"wiremock", "wiremock-standalone", "com.github.tomakehurst.wiremock.WireMockServer"},
    {"junit-jupiter", "junit-jupiter-api", "org.junit.jupiter.api.Test"},
    {"assertj", "assertj-core", "org.assertj.core.api.Assertions"},
    {
      "aws-sdk",
      "codeguruprofiler",
      "software.amazon.awssdk.services.codeguruprofiler.CodeGuruProfilerClient"
    },
  };

  @Test
  void recordTheVersionsOnTheClassPath() throws Exception {
    Map<String, String> found = new LinkedHashMap<>();
    found.put("jdk", String.valueOf(Runtime.version().feature()));
    for (String[] library : LIBRARIES) {
      found.put(library[0], versionOf(library[1], Class.forName(library[2], false, loader())));
    }
    assertThat(found.values()).doesNotContainNull();

    Path report = Path.of(System.getProperty("floors.report"));
    Properties properties = new Properties();
    properties.putAll(found);
    Files.createDirectories(report.getParent());
    try (Writer out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      properties.store(out, "versions loaded by the floor matrix");
    }
  }

  /** "2.15.0" from ".../jackson-core-2.15.0.jar"; null when the class came from elsewhere. */
  private static String versionOf(String artifact, Class<?> type) {
    String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
    String jar = path.substring(path.lastIndexOf('/') + 1);
    String prefix = artifact + "-";
    return jar.startsWith(prefix) && jar.endsWith(".jar")
        ? jar.substring(prefix.length(), jar.length() - ".jar".length())
        : null;
  }

  private static ClassLoader loader() {
    return VersionsReportTest.class.getClassLoader();
  }

}
