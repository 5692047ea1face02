package dev.fakeguru.internal.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.zip.CRC32;

/**
 * Reading a data directory back into an engine, once, when it opens: the groups (the legacy {@code
 * groups.json}, then {@code groups.log}), then every post in the order it was stored, under the
 * rules a live post meets. Nothing that cannot be restored stops the rest: it is reported. Symbolic
 * links are never followed. A post whose group has no record (a lost or corrupt groups file) brings
 * its group back with default settings. Internal.
 */
final class DirectoryRestore {
  private final Path root;
  private final Path posts;
  private final Engine engine;
  private final GroupsLog log;
  private final Consumer<String> report;

  /** Names whose last record is a deletion: their leftover posts are not restored. */
  private final Set<String> deleted = new HashSet<>();

  private final Set<String> rebuilt = new HashSet<>();

  DirectoryRestore(Path root, Engine engine, GroupsLog log, Consumer<String> report) {
    this.root = root;
    this.posts = root.resolve(DataDirectory.POSTS_DIR);
    this.engine = engine;
    this.log = log;
    this.report = report;
  }

  private record PostFile(long counter, Path path) {}

  /**
   * Restores groups and posts.
   *
   * @return the counter the next post file gets
   * @throws UncheckedIOException if the posts directory cannot be listed
   */
  long restore() {
    cleanTempFiles(root);
    restoreGroups();
    List<PostFile> files = listPosts();
    files.sort(Comparator.comparingLong(PostFile::counter));
    for (PostFile f : files) {
      restorePost(f.path());
    }
    return files.stream().mapToLong(PostFile::counter).max().orElse(0) + 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Groups

  private void restoreGroups() {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    Path legacy = root.resolve(DataDirectory.LEGACY_GROUPS_FILE);
    if (Files.isSymbolicLink(legacy)) {
      report.accept("Ignoring " + legacy + ": a symbolic link (the data directory follows none).");
    } else if (Files.exists(legacy)) {
      try {
        JsonNode arr = Wire.JSON.readTree(Files.readString(legacy, StandardCharsets.UTF_8));
        if (arr == null || !arr.isArray()) {
          throw new IOException("not a JSON array");
        }
        arr.forEach(g -> latest.put(g.path("name").asText(""), g));
      } catch (IOException | RuntimeException e) {
        setAside(legacy, e);
      }
    }
    try {
      log.replay(
          (line, g) -> {
            deleted.remove(g.path("name").asText(""));
            latest.put(g.path("name").asText(""), g);
          },
          name -> {
            latest.remove(name);
            deleted.add(name);
          },
          report);
    } catch (IOException e) {
      report.accept(
          "Skipping " + log.file() + ": cannot read it (" + DataDirectory.oneLine(e) + ").");
    }
    latest.forEach(
        (name, g) -> {
          try {
            GroupsFile.importGroup(engine, g);
          } catch (IllegalArgumentException e) {
            report.accept(
                "Skipping the record of profiling group '"
                    + name
                    + "': "
                    + DataDirectory.oneLine(e)
                    + ".");
          }
        });
  }

  /** Moves a corrupt legacy groups file aside (the groups are then rebuilt from their posts). */
  private void setAside(Path file, Exception e) {
    Path kept = root.resolve(file.getFileName() + ".corrupt");
    String where;
    try {
      Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
      where = "moved to " + kept + " for inspection";
    } catch (IOException moveFailed) {
      where = "left in place";
    }
    report.accept(
        "Skipping "
            + file
            + ": cannot restore the profiling groups from it ("
            + DataDirectory.oneLine(e)
            + "); "
            + where
            + "; groups with stored posts are rebuilt from them.");
  }

  // ---------------------------------------------------------------------------------------------
  // Posts

  private List<PostFile> listPosts() {
    List<PostFile> files = new ArrayList<>();
    try (DirectoryStream<Path> groupDirs = Files.newDirectoryStream(posts)) {
      for (Path groupDir : groupDirs) {
        if (Files.isSymbolicLink(groupDir)) {
          report.accept(
              "Ignoring " + groupDir + ": a symbolic link (the data directory follows none).");
          continue;
        }
        if (!Files.isDirectory(groupDir, LinkOption.NOFOLLOW_LINKS)) {
          if (groupDir.getFileName().toString().endsWith(DataDirectory.TMP_SUFFIX)) {
            AtomicFiles.deleteQuietly(groupDir);
          } else {
            report.accept("Ignoring " + groupDir + ": not a profiling-group directory.");
          }
          continue;
        }
        cleanTempFiles(groupDir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(groupDir)) {
          for (Path f : entries) {
            Matcher m = DataDirectory.POST_FILE.matcher(f.getFileName().toString());
            if (!m.matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
              report.accept(
                  "Ignoring "
                      + f
                      + ": not a post file (a regular file named with 20 digits and .post).");
              continue;
            }
            files.add(new PostFile(Long.parseLong(m.group(1)), f));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the data directory " + posts + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** Restores one post file; reports and returns false if it cannot. */
  private boolean restorePost(Path file) {
    PostHeader h;
    byte[] body;
    try {
      byte[] all = Files.readAllBytes(file);
      int nl = DataDirectory.indexOf(all, (byte) '\n', DataDirectory.MAX_HEADER_BYTES);
      if (nl < 0) {
        return skip(file, "no header line (the file is truncated or not a post file)");
      }
      h = PostHeader.parse(new String(all, 0, nl, StandardCharsets.UTF_8));
      int available = all.length - nl - 1;
      if (available != h.length()) {
        return skip(
            file,
            "the header announces "
                + h.length()
                + " body bytes but "
                + available
                + " follow (the file is truncated or was changed)");
      }
      body = Arrays.copyOfRange(all, nl + 1, all.length);
      CRC32 crc = new CRC32();
      crc.update(body);
      if (crc.getValue() != h.crc32()) {
        return skip(file, "the body does not match its checksum (the file was corrupted)");
      }
    } catch (IOException e) {
      return skip(file, "cannot read it (" + DataDirectory.oneLine(e) + ")");
    } catch (PostHeader.BadHeader e) {
      return skip(file, "bad header (" + e.getMessage() + ")");
    }
    if (engine.groups().find(h.group()).isEmpty() && !rebuildGroup(file, h)) {
      return false;
    }
    try {
      if (!engine.restoreProfile(
          h.group(), h.token(), h.contentType(), h.contentEncoding(), body, h.receivedAt())) {
        return skip(
            file,
            "it repeats the profile token '"
                + h.token()
                + "' of an earlier post of profiling group '"
                + h.group()
                + "' (a retried post is stored once)");
      }
      return true;
    } catch (RuntimeException e) {
      return skip(file, "the profile cannot be restored (" + DataDirectory.oneLine(e) + ")");
    }
  }

  /**
   * Brings back the group of a post whose group has no record, with default settings, created at
   * the post's arrival; false (reported) if the group was deleted.
   */
  private boolean rebuildGroup(Path file, PostHeader h) {
    if (deleted.contains(h.group())) {
      return skip(file, "its profiling group '" + h.group() + "' was deleted");
    }
    if (rebuilt.add(h.group())) {
      engine
          .groups()
          .restore(
              GroupState.restore(
                  new GroupState.Snapshot(
                      h.group(),
                      engine.groups().arnOf(h.group()),
                      h.receivedAt(),
                      h.receivedAt(),
                      "Default",
                      true,
                      null,
                      null,
                      Map.of(),
                      null,
                      null,
                      null,
                      List.of())));
      report.accept(
          "Profiling group '"
              + h.group()
              + "' had no record in the groups log (lost or corrupt) and was rebuilt from its"
              + " posts with default settings (tags, policy and channels are lost).");
    }
    return true;
  }

  private boolean skip(Path file, String why) {
    report.accept("Skipping " + file + ": " + why + ".");
    return false;
  }

  private void cleanTempFiles(Path dir) {
    try (DirectoryStream<Path> tmp =
        Files.newDirectoryStream(dir, "*" + DataDirectory.TMP_SUFFIX)) {
      for (Path t : tmp) {
        AtomicFiles.deleteQuietly(t); // a write that never completed: never acknowledged
      }
    } catch (IOException e) {
      report.accept(
          "Cannot clean temporary files in " + dir + " (" + DataDirectory.oneLine(e) + ").");
    }
  }
}
