package dev.fakeguru.internal.codec;

import dev.fakeguru.internal.codec.TokenStreams.Token;
import dev.fakeguru.profile.ProfileFormatException;
import dev.fakeguru.profile.ProfileFormatException.Problem;
import java.util.List;
import java.util.Locale;

/** The messages of {@link ProfileReader}'s refusals: what was expected, what came. Internal. */
final class ReadErrors {
  private ReadErrors() {}

  /** A string that is not valid Unicode: it holds an unpaired surrogate at {@code at}. */
  static ProfileFormatException notUnicode(String path, String s, int at) {
    return new ProfileFormatException(
        Problem.INVALID_VALUE,
        path,
        String.format(
            "\"%s\" is not valid Unicode: it holds an unpaired surrogate \\u%04x at index %d,"
                + " which no answer format can carry",
            abbreviate(UnicodeText.printable(s)), (int) s.charAt(at), at));
  }

  static ProfileFormatException wrongType(String path, String expected, Token actual) {
    if (actual == Token.END) {
      return new ProfileFormatException(
          Problem.TRUNCATED, path, "the body ends where " + expected + " belongs");
    }
    return new ProfileFormatException(
        Problem.WRONG_TYPE, path, "expected " + expected + " but was " + describe(actual));
  }

  static String describe(Token t) {
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case INTEGER:
      case FLOAT:
      case DECIMAL:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case TIMESTAMP:
        return "a timestamp";
      default:
        return t.toString().toLowerCase(Locale.ROOT);
    }
  }

  static String describe(Object v) {
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    return v.getClass().getSimpleName();
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
