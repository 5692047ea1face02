package dev.fakeguru.profile;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The encodings of a CodeGuru profile on the wire: JSON, Ion text and Ion binary. PostAgentProfile
 * bodies come in any of them; GetProfile answers JSON or Ion according to {@code Accept}.
 *
 * <pre>{@code
 * ProfileFormat f = ProfileFormat.detect(body, "application/x-amzn-ion"); // ION_BINARY if the body says so
 * byte[] bytes = ProfileCodec.defaults().encode(profile, ProfileFormat.ION_BINARY);
 * }</pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ProfileFormat {
  /** JSON, {@code application/json}: what the Python agent posts. */
  JSON("application/json"),
  /** Ion text, {@code application/x-amzn-ion}. */
  ION_TEXT("application/x-amzn-ion"),
  /** Ion binary (starts with the version marker E0 01 00 EA), {@code application/x-amzn-ion}. */
  ION_BINARY("application/x-amzn-ion");

  private static final byte[] ION_BINARY_MARKER = {(byte) 0xE0, 0x01, 0x00, (byte) 0xEA};

  private final String contentType;

  ProfileFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The media type that labels this format on the wire. */
  public String contentType() {
    return contentType;
  }

  /**
   * The format of an (uncompressed) body. The Ion binary version marker wins over any label;
   * otherwise {@code application/x-amzn-ion} means Ion text and {@code application/json} JSON
   * (parameters and case ignored). Any other or no content type (the JS SDK sends {@code
   * application/octet-stream} when the caller gives none) is sniffed: a body that opens with <code>
   * {"</code> or <code>{}</code> is JSON, anything else Ion text (whose field names may be
   * unquoted).
   */
  public static ProfileFormat detect(byte[] body, String contentType) {
    if (hasIonBinaryMarker(body)) {
      return ION_BINARY;
    }
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/x-amzn-ion")) {
      return ION_TEXT;
    }
    if (type.equals("application/json") || type.endsWith("+json")) {
      return JSON;
    }
    // JSON is also Ion text, but Ion text may leave field names unquoted ({start: 1}).
    int bom =
        body.length >= 3
                && (body[0] & 0xFF) == 0xEF
                && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    int first = nextNonBlank(body, bom);
    if (first < 0) {
      return JSON;
    }
    if (body[first] != '{') {
      return ION_TEXT;
    }
    int second = nextNonBlank(body, first + 1);
    return second >= 0 && (body[second] == '"' || body[second] == '}') ? JSON : ION_TEXT;
  }

  private static int nextNonBlank(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code body} starts with the Ion binary version marker {@code E0 01 00 EA}.
   *
   * @param body the bytes to look at
   * @return true for an Ion binary body
   */
  public static boolean hasIonBinaryMarker(byte[] body) {
    if (body.length < 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (body[i] != ION_BINARY_MARKER[i]) {
        return false;
      }
    }
    return true;
  }
}
