package dev.fakeguru.internal.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.wire.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code groups.log}: the profiling groups as a log of changes, one JSON line each, {@code
 * {"put":{exported group}}} or {@code {"delete":"name"}}, appended and forced to disk as they
 * happen, so that creating N groups costs N small writes, not N rewrites of every group. Replayed
 * in order when the data directory opens; rewritten as one {@code put} per group (atomically) when
 * it opens and whenever the changes outnumber the groups by far. A line that does not parse is
 * reported and skipped; a last line without its newline is a write that was never acknowledged and
 * is ignored.
 *
 * <p>Not thread-safe: {@link DataDirectory} calls it under its lock. Internal.
 */
final class GroupsLog implements AutoCloseable {
  static final String FILE = "groups.log";

  private final Path file;
  private FileChannel channel;
  private long linesSinceRewrite;

  GroupsLog(Path root) {
    this.file = root.resolve(FILE);
  }

  Path file() {
    return file;
  }

  /**
   * Calls {@code put} with each exported group and {@code delete} with each deleted name, in the
   * order they were written; {@code problem} hears of lines that could not be read.
   */
  void replay(BiConsumer<Integer, JsonNode> put, Consumer<String> delete, Consumer<String> problem)
      throws IOException {
    if (Files.isSymbolicLink(file)) {
      problem.accept("Ignoring " + file + ": a symbolic link (the data directory follows none).");
      return;
    }
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return;
    }
    String text = new String(all, StandardCharsets.UTF_8);
    int lineNumber = 0;
    int start = 0;
    for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) {
      lineNumber++;
      String line = text.substring(start, nl);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode record = Wire.JSON.readTree(line);
        if (record != null && record.path("put").isObject()) {
          put.accept(lineNumber, record.get("put"));
        } else if (record != null && record.path("delete").isTextual()) {
          delete.accept(record.get("delete").asText());
        } else {
          problem.accept(
              "Skipping line " + lineNumber + " of " + file + ": neither a put nor a delete.");
        }
      } catch (IOException e) {
        problem.accept("Skipping line " + lineNumber + " of " + file + ": not JSON.");
      }
    }
  }

  /** Appends a group's current state, forced to disk. */
  void put(ObjectNode exported) throws IOException {
    ObjectNode record = Wire.JSON.createObjectNode();
    record.set("put", exported);
    append(record.toString());
  }

  /** Appends the deletion of a group, forced to disk. */
  void delete(String name) throws IOException {
    ObjectNode record = Wire.JSON.createObjectNode();
    record.put("delete", name);
    append(record.toString());
  }

  private void append(String line) throws IOException {
    if (channel == null) {
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND,
              LinkOption.NOFOLLOW_LINKS);
    }
    ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
    linesSinceRewrite++;
  }

  /** Whether the log holds so many more changes than groups that it should be rewritten. */
  boolean worthRewriting(int groups) {
    return linesSinceRewrite > 1000 + 2L * groups;
  }

  /** Replaces the whole log, atomically, with one put per group. */
  void rewrite(List<ObjectNode> groups) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode g : groups) {
      ObjectNode record = Wire.JSON.createObjectNode();
      record.set("put", g);
      sb.append(record).append('\n');
    }
    close();
    AtomicFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    linesSinceRewrite = 0;
  }

  /** Forgets every group (a reset). */
  void clear() throws IOException {
    rewrite(List.of());
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
