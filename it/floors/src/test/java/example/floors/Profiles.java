package example.floors;

import dev.fakeguru.codec.ProfileCodec;
import dev.fakeguru.profile.Profile;
import dev.fakeguru.profile.ProfileFormat;
import java.time.Instant;

/** The one agent profile every scenario posts: 100 samples, 30 of them in queryDb. */
final class Profiles {
  static final Instant START = Instant.parse("2024-01-02T03:00:00Z");
  static final Instant END = Instant.parse("2024-01-02T03:05:00Z");

  private Profiles() {}

  static Profile checkout() {
    return Profile.builder(START, END)
        .stack(30, "main", "handle", "queryDb")
        .stack(70, "main", "handle", "render")
        .build();
  }

  static byte[] encoded(ProfileFormat format) {
    return ProfileCodec.defaults().encode(checkout(), format);
  }
}
