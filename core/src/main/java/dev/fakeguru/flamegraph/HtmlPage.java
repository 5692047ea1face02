package dev.fakeguru.flamegraph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The self-contained HTML page around a flame graph's SVG: the stylesheet and the script inline,
 * and a Content-Security-Policy that allows exactly those two (by their SHA-256 hashes) and nothing
 * else: no other script, no network, no images. Even a frame name that escaped its escaping could
 * not run or load anything.
 */
final class HtmlPage {
  /** The viewer's script, also served by the admin API's web page. */
  static final String SCRIPT = resource("flamegraph.js");

  /** The viewer's stylesheet, also served by the admin API's web page. */
  static final String STYLE = resource("flamegraph.css");

  static final String POLICY =
      "default-src 'none'; style-src '"
          + sha256(STYLE)
          + "'; script-src '"
          + sha256(SCRIPT)
          + "'; base-uri 'none'; form-action 'none'";

  private HtmlPage() {}

  static String write(String title, String svg) {
    StringBuilder out = new StringBuilder(svg.length() + SCRIPT.length() + STYLE.length() + 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(POLICY)
        .append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"FakeGuru\">\n<title>");
    Markup.escape(out, title).append("</title>\n<style>").append(STYLE).append("</style>\n");
    out.append("</head>\n<body class=\"fg-page\">\n").append(svg);
    out.append(
        "<noscript><p>Scripts are off: hover a frame for its numbers. Zoom, search and the"
            + " counter switch need scripts.</p></noscript>\n");
    return out.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n").toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("FakeGuru's " + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSP source expression for {@code text}: {@code sha256-<base64>}. */
  static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
