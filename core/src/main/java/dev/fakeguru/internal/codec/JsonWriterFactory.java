package dev.fakeguru.internal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamWriteConstraints;

/**
 * The JSON writer's factory. Call trees nest two levels per frame, so the writer must not stop at a
 * nesting limit: Jackson 2.16 introduced one (1000 by default, {@code StreamWriteConstraints}),
 * which is lifted here; Jackson 2.15 has none, and no such class, so nothing is lifted there.
 */
final class JsonWriterFactory {
  private JsonWriterFactory() {}

  static JsonFactory unlimitedNesting() {
    JsonFactoryBuilder builder = new JsonFactoryBuilder();
    if (hasWriteConstraints()) {
      WriteConstraints.lift(builder);
    }
    return builder.build();
  }

  private static boolean hasWriteConstraints() {
    try {
      Class.forName(
          "com.fasterxml.jackson.core.StreamWriteConstraints",
          false,
          JsonFactory.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The only code naming {@code StreamWriteConstraints}: loaded only where Jackson has it. */
  private static final class WriteConstraints {
    static void lift(JsonFactoryBuilder builder) {
      builder.streamWriteConstraints(
          StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build());
    }
  }
}
