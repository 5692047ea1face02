package dev.fakeguru.internal.codec;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonReaderBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One streaming token model over Jackson (JSON) and ion-java (Ion text and binary), so that the
 * profile reader and writer exist once and never recurse on the Java stack.
 */
final class TokenStreams {
  private TokenStreams() {}

  enum Token {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    FIELD_NAME,
    STRING,
    INTEGER,
    FLOAT,
    DECIMAL,
    BOOLEAN,
    NULL,
    TIMESTAMP,
    /** A value of a type the agent format never uses (Ion blob, clob, s-expression). */
    OTHER,
    /** No more input. */
    END
  }

  /** Reads tokens; after a scalar token, the accessors give its value. */
  interface Source extends AutoCloseable {
    Token next() throws IOException;

    String text() throws IOException;

    BigInteger integer() throws IOException;

    /**
     * Whether the current integer fits a {@code long} (then {@link #longValue()} avoids a
     * BigInteger).
     */
    boolean fitsLong() throws IOException;

    long longValue() throws IOException;

    double floating() throws IOException;

    BigDecimal decimal() throws IOException;

    boolean bool() throws IOException;

    Instant timestamp() throws IOException;

    /** Where the reader is, for syntax errors (JSON: line and column). */
    String location();

    @Override
    void close() throws IOException;
  }

  static final class JsonSource implements Source {
    private final JsonParser parser;

    /**
     * One factory per nesting limit (a codec has one), shared: a factory keeps the table of field
     * names it has seen, so frame names recurring across posts are found, not hashed and copied
     * again. A new factory per body made decoding several times slower.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, JsonFactory> FACTORIES =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** The same, for bodies too large to profit from the table (see {@link #LARGE_BODY}). */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, JsonFactory>
        UNCANONICAL_FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A body of at least this many bytes is read without canonicalising its field names. Jackson
     * gives a parser's table of names back to its factory only while it holds at most 6,000 names;
     * a larger body empties the factory's table, so each such body would rebuild a table from empty
     * (growing it several times) only to throw it away. From 384 KiB on, a body is likely to have
     * more than 6,000 distinct frame names (each name with its node's members takes at least about
     * 60 bytes).
     */
    static final int LARGE_BODY = 384 * 1024;

    JsonSource(byte[] body, int maxNesting) throws IOException {
      this.parser =
          (body.length >= LARGE_BODY
                  ? UNCANONICAL_FACTORIES.computeIfAbsent(maxNesting, n -> factory(n, false))
                  : FACTORIES.computeIfAbsent(maxNesting, n -> factory(n, true)))
              .createParser(body);
    }

    private static JsonFactory factory(int maxNesting, boolean canonical) {
      return JsonFactory.builder()
          .configure(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES, canonical)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(maxNesting)
                  .maxNumberLength(1000)
                  .maxStringLength(20_000_000)
                  .build())
          // Frame names are arbitrary data: canonicalised per factory, not added to the JVM's
          // intern pool.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();
    }

    @Override
    public Token next() throws IOException {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return Token.END;
      }
      switch (t) {
        case START_OBJECT:
          return Token.START_OBJECT;
        case END_OBJECT:
          return Token.END_OBJECT;
        case START_ARRAY:
          return Token.START_ARRAY;
        case END_ARRAY:
          return Token.END_ARRAY;
        case FIELD_NAME:
          return Token.FIELD_NAME;
        case VALUE_STRING:
          return Token.STRING;
        case VALUE_NUMBER_INT:
          return Token.INTEGER;
        case VALUE_NUMBER_FLOAT:
          return Token.FLOAT;
        case VALUE_TRUE:
        case VALUE_FALSE:
          return Token.BOOLEAN;
        case VALUE_NULL:
          return Token.NULL;
        default:
          return Token.OTHER;
      }
    }

    @Override
    public String text() throws IOException {
      return parser.getCurrentToken() == JsonToken.FIELD_NAME
          ? parser.currentName()
          : parser.getText();
    }

    @Override
    public BigInteger integer() throws IOException {
      return parser.getBigIntegerValue();
    }

    @Override
    public boolean fitsLong() throws IOException {
      JsonParser.NumberType type = parser.getNumberType();
      return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    @Override
    public long longValue() throws IOException {
      return parser.getLongValue();
    }

    @Override
    public double floating() throws IOException {
      return parser.getDoubleValue();
    }

    @Override
    public BigDecimal decimal() throws IOException {
      return parser.getDecimalValue();
    }

    @Override
    public boolean bool() throws IOException {
      return parser.getBooleanValue();
    }

    @Override
    public Instant timestamp() {
      throw new IllegalStateException("JSON has no timestamps");
    }

    @Override
    public String location() {
      var loc = parser.currentLocation();
      return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    @Override
    public void close() throws IOException {
      parser.close();
    }
  }

  /** Flattens ion-java's step-in/step-out model into the token stream. */
  static final class IonSource implements Source {
    private final IonReader reader;

    /** For each open container: true for a struct (whose values are preceded by field names). */
    private final Deque<Boolean> containers = new ArrayDeque<>();

    private boolean pendingValue;
    private IonType type;

    /** Text of a blob or clob value, which the token stream carries as a string. */
    private String lobText;

    IonSource(byte[] body) {
      this.reader = IonReaderBuilder.standard().build(body);
    }

    @Override
    public Token next() {
      if (pendingValue) {
        pendingValue = false;
        return valueToken();
      }
      type = reader.next();
      if (type == null) {
        if (containers.isEmpty()) {
          return Token.END;
        }
        boolean struct = containers.pop();
        reader.stepOut();
        return struct ? Token.END_OBJECT : Token.END_ARRAY;
      }
      if (!containers.isEmpty() && containers.peek()) {
        pendingValue = true;
        return Token.FIELD_NAME;
      }
      return valueToken();
    }

    private Token valueToken() {
      lobText = null;
      if (reader.isNullValue()) {
        return Token.NULL;
      }
      switch (type) {
        case BLOB:
          lobText = java.util.Base64.getEncoder().encodeToString(reader.newBytes());
          return Token.STRING;
        case CLOB:
          lobText = new String(reader.newBytes(), java.nio.charset.StandardCharsets.UTF_8);
          return Token.STRING;
        case STRUCT:
          reader.stepIn();
          containers.push(true);
          return Token.START_OBJECT;
        case LIST:
        case SEXP:
          reader.stepIn();
          containers.push(false);
          return Token.START_ARRAY;
        case STRING:
        case SYMBOL:
          return Token.STRING;
        case INT:
          return Token.INTEGER;
        case FLOAT:
          return Token.FLOAT;
        case DECIMAL:
          return Token.DECIMAL;
        case BOOL:
          return Token.BOOLEAN;
        case TIMESTAMP:
          return Token.TIMESTAMP;
        default:
          return Token.OTHER;
      }
    }

    @Override
    public String text() {
      if (pendingValue) {
        return reader.getFieldName();
      }
      return lobText != null ? lobText : reader.stringValue();
    }

    @Override
    public BigInteger integer() {
      return reader.bigIntegerValue();
    }

    @Override
    public boolean fitsLong() {
      return reader.getIntegerSize() != com.amazon.ion.IntegerSize.BIG_INTEGER;
    }

    @Override
    public long longValue() {
      return reader.longValue();
    }

    @Override
    public double floating() {
      return reader.doubleValue();
    }

    @Override
    public BigDecimal decimal() {
      return reader.bigDecimalValue();
    }

    @Override
    public boolean bool() {
      return reader.booleanValue();
    }

    @Override
    public Instant timestamp() {
      return Instant.ofEpochMilli(reader.timestampValue().getMillis());
    }

    @Override
    public String location() {
      return "Ion value " + (type == null ? "" : type.toString().toLowerCase());
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** Writes tokens. */
  interface Sink extends AutoCloseable {
    void startObject() throws IOException;

    void endObject() throws IOException;

    void startArray() throws IOException;

    void endArray() throws IOException;

    void field(String name) throws IOException;

    void string(String s) throws IOException;

    void integer(long v) throws IOException;

    void integer(BigInteger v) throws IOException;

    void floating(double v) throws IOException;

    void decimal(BigDecimal v) throws IOException;

    void bool(boolean v) throws IOException;

    void nullValue() throws IOException;

    @Override
    void close() throws IOException;
  }

  static final class JsonSink implements Sink {
    private static final JsonFactory FACTORY = JsonWriterFactory.unlimitedNesting();

    private final JsonGenerator gen;

    JsonSink(java.io.OutputStream out) throws IOException {
      this.gen = FACTORY.createGenerator(out);
    }

    @Override
    public void startObject() throws IOException {
      gen.writeStartObject();
    }

    @Override
    public void endObject() throws IOException {
      gen.writeEndObject();
    }

    @Override
    public void startArray() throws IOException {
      gen.writeStartArray();
    }

    @Override
    public void endArray() throws IOException {
      gen.writeEndArray();
    }

    @Override
    public void field(String name) throws IOException {
      gen.writeFieldName(name);
    }

    @Override
    public void string(String s) throws IOException {
      gen.writeString(s);
    }

    @Override
    public void integer(long v) throws IOException {
      gen.writeNumber(v);
    }

    @Override
    public void integer(BigInteger v) throws IOException {
      gen.writeNumber(v);
    }

    @Override
    public void floating(double v) throws IOException {
      gen.writeNumber(v);
    }

    @Override
    public void decimal(BigDecimal v) throws IOException {
      gen.writeNumber(v);
    }

    @Override
    public void bool(boolean v) throws IOException {
      gen.writeBoolean(v);
    }

    @Override
    public void nullValue() throws IOException {
      gen.writeNull();
    }

    @Override
    public void close() throws IOException {
      gen.close();
    }
  }

  static final class IonSink implements Sink {
    private final IonWriter writer;

    IonSink(IonWriter writer) {
      this.writer = writer;
    }

    @Override
    public void startObject() throws IOException {
      writer.stepIn(IonType.STRUCT);
    }

    @Override
    public void endObject() throws IOException {
      writer.stepOut();
    }

    @Override
    public void startArray() throws IOException {
      writer.stepIn(IonType.LIST);
    }

    @Override
    public void endArray() throws IOException {
      writer.stepOut();
    }

    @Override
    public void field(String name) {
      writer.setFieldName(name);
    }

    @Override
    public void string(String s) throws IOException {
      writer.writeString(s);
    }

    @Override
    public void integer(long v) throws IOException {
      writer.writeInt(v);
    }

    @Override
    public void integer(BigInteger v) throws IOException {
      writer.writeInt(v);
    }

    @Override
    public void floating(double v) throws IOException {
      writer.writeFloat(v);
    }

    @Override
    public void decimal(BigDecimal v) throws IOException {
      writer.writeDecimal(v);
    }

    @Override
    public void bool(boolean v) throws IOException {
      writer.writeBool(v);
    }

    @Override
    public void nullValue() throws IOException {
      writer.writeNull();
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
