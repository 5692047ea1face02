package dev.fakeguru.assertj.error;

import dev.fakeguru.assertj.internal.MessageText;
import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The base of FakeGuru's message factories: the whole message is built as plain text (frame names
 * and rendered trees included, never passed through AssertJ's value representation, so nothing is
 * quoted or re-rendered) and embedded in the format with {@code %} escaped and line breaks as
 * {@code %n}.
 *
 * <p>AssertJ skips {@link String#format} when a factory has no arguments and escapes {@code %}
 * itself except before {@code n}, which would turn a frame named {@code 50%n} into a line break.
 * One empty, unquoted argument keeps the standard {@code String.format} semantics, so the escaping
 * here is exact.
 */
abstract class TextErrorMessageFactory extends BasicErrorMessageFactory {

  TextErrorMessageFactory(String text) {
    super("%n" + MessageText.literal(text) + "%s", unquotedString(""));
  }
}
