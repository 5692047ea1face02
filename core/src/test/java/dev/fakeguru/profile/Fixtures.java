package dev.fakeguru.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the recorded agent bodies of the repository's {@code fixtures/} (test resources under
 * {@code /fixtures}).
 */
public final class Fixtures {
  public static final String PROFILE_1 = "python-agent-profile-1";
  public static final String PROFILE_2 = "python-agent-profile-2";
  public static final String PROFILE_3 = "python-agent-profile-3-after-errors";

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] body(String profile) {
    return bytes(profile + ".body");
  }

  static byte[] prettyJson(String profile) {
    return bytes(profile + ".json");
  }
}
