package dev.fakeguru.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileFormatTest {
  private static final byte[] ION_BINARY = {(byte) 0xE0, 0x01, 0x00, (byte) 0xEA, 0x0F};

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void content_types() {
    assertThat(ProfileFormat.JSON.contentType()).isEqualTo("application/json");
    assertThat(ProfileFormat.ION_TEXT.contentType()).isEqualTo("application/x-amzn-ion");
    assertThat(ProfileFormat.ION_BINARY.contentType()).isEqualTo("application/x-amzn-ion");
  }

  @Test
  void ion_binary_marker_wins_over_any_content_type() {
    assertThat(ProfileFormat.detect(ION_BINARY, "application/json"))
        .isEqualTo(ProfileFormat.ION_BINARY);
    assertThat(ProfileFormat.detect(ION_BINARY, "application/x-amzn-ion"))
        .isEqualTo(ProfileFormat.ION_BINARY);
    assertThat(ProfileFormat.detect(ION_BINARY, null)).isEqualTo(ProfileFormat.ION_BINARY);
    assertThat(ProfileFormat.detect(ION_BINARY, "text/plain")).isEqualTo(ProfileFormat.ION_BINARY);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json|JSON",
        "APPLICATION/JSON; charset=utf-8|JSON",
        "  application/json ;charset=UTF-8|JSON",
        "application/vnd.api+json|JSON",
        "application/x-amzn-ion|ION_TEXT",
        "Application/X-Amzn-Ion; charset=utf-8|ION_TEXT"
      })
  void content_type_decides_for_text(String contentType, ProfileFormat expected) {
    // The body would sniff the other way: the content type must win.
    byte[] body = expected == ProfileFormat.JSON ? utf8("{start:1}") : utf8("{\"start\":1}");
    assertThat(ProfileFormat.detect(body, contentType)).isEqualTo(expected);
  }

  @Test
  void octet_stream_and_missing_content_type_are_sniffed() {
    for (String ct :
        new String[] {
          null,
          "",
          "application/octet-stream",
          "binary/octet-stream".replace("binary", "application")
        }) {
      assertThat(ProfileFormat.detect(utf8("  \n{\"start\":1}"), ct)).isEqualTo(ProfileFormat.JSON);
      assertThat(ProfileFormat.detect(utf8("{ }"), ct)).isEqualTo(ProfileFormat.JSON);
      assertThat(ProfileFormat.detect(utf8("\uFEFF{\"a\":1}"), ct)).isEqualTo(ProfileFormat.JSON);
      assertThat(ProfileFormat.detect(utf8("{start:1}"), ct)).isEqualTo(ProfileFormat.ION_TEXT);
      assertThat(ProfileFormat.detect(utf8("$ion_1_0 {start:1}"), ct))
          .isEqualTo(ProfileFormat.ION_TEXT);
      assertThat(ProfileFormat.detect(ION_BINARY, ct)).isEqualTo(ProfileFormat.ION_BINARY);
    }
  }
}
