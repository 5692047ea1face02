package dev.fakeguru.internal.persistence;

import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Keeps profiling groups and every stored profile post in a directory, so that they survive a
 * restart (even a {@code kill -9} right after the client got its 204). Internal.
 *
 * <p>Layout:
 *
 * <pre>
 * DIR/groups.json                            every profiling group (see GroupsFile)
 * DIR/posts/GROUP/00000000000000000042.post  one stored post: a one-line JSON header, then the raw body
 * </pre>
 *
 * <p>A post file starts with a single line of JSON, {@code {"format":"fakeguru-post/1","group":...,
 * "token":...,"contentType":...,"contentEncoding":...,"receivedAt":"ISO-8601","length":N,"crc32":C}},
 * followed by a newline and exactly {@code N} bytes: the body as the agent sent it. The 20-digit
 * counter orders the posts across groups. Every file is written to a {@code .tmp} file in the same
 * directory, forced to disk, renamed atomically over its final name, and the directory is forced
 * too: when {@link #profileStored} returns, the post is durable, so the fake only answers 204
 * afterwards.
 *
 * <p>{@link #open} restores groups first (and writes {@code groups.json} again, so that groups
 * declared on the builder are kept too), then every post in counter order. A file that is
 * truncated, has a bad header or checksum, no longer decodes, or names a group that does not exist
 * is reported (on the {@link System.Logger} of this class, and in {@link #problems()}) and skipped;
 * it is left where it is for inspection (a corrupt {@code groups.json} is moved to {@code
 * groups.json.corrupt}) and never stops the rest from loading. Leftover {@code .tmp} files are
 * posts that were never acknowledged: they are deleted.
 *
 * <p>Deleting a profiling group deletes its post files; {@link #cleared()} (the fake's reset)
 * deletes everything in the directory that this class wrote. Posts are never compacted: the
 * directory grows with every stored post, which suits a test fake.
 *
 * <p>Thread-safe: posts are written concurrently (each to its own file); group snapshots are
 * written one at a time, always from the engine's current state, so an older snapshot never
 * overwrites a newer one.
 *
 * <pre>{@code
 * DataDirectory dir = DataDirectory.open(Path.of("fakeguru-data"), engine);
 * engine.persistTo(dir);
 * dir.problems().forEach(System.err::println);
 * }</pre>
 */
public final class DataDirectory implements Persistence {
  private static final Logger LOG = System.getLogger(DataDirectory.class.getName());
  static final String GROUPS_FILE = "groups.json";
  static final String POSTS_DIR = "posts";
  static final String POST_SUFFIX = ".post";
  static final String TMP_SUFFIX = ".tmp";
  private static final Pattern POST_FILE = Pattern.compile("^(\\d{20})\\.post$");

  /** Header lines longer than this are corrupt: a group name, token and types fit easily. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final Path root;
  private final Path posts;
  private final Engine engine;
  private final AtomicLong counter;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Object groupsLock = new Object();

  /**
   * The group names in the last snapshot written or read: groups that disappear lose their posts.
   */
  private Set<String> knownGroups = new HashSet<>();

  private DataDirectory(Path root, Engine engine, long nextCounter) {
    this.root = root;
    this.posts = root.resolve(POSTS_DIR);
    this.engine = engine;
    this.counter = new AtomicLong(nextCounter);
  }

  /**
   * Opens (creating if needed) the directory and restores what it holds into {@code engine}: groups
   * first, then posts in the order they were stored.
   *
   * @throws UncheckedIOException if the directory cannot be created or listed (problems with single
   *     files are reported and skipped instead)
   */
  public static DataDirectory open(Path dir, Engine engine) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root.resolve(POSTS_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the data directory " + root + ": " + e.getMessage(), e);
    }
    DataDirectory d = new DataDirectory(root, engine, 1);
    d.restore();
    return d;
  }

  /**
   * What could not be restored when the directory was opened, and what failed since; one line each.
   */
  @Override
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The directory, absolute. */
  public Path root() {
    return root;
  }

  // ---------------------------------------------------------------------------------------------
  // Restoring

  private void restore() {
    cleanTempFiles(root);
    restoreGroups();
    synchronized (groupsLock) {
      knownGroups = new HashSet<>(engine.groups().names());
    }
    List<PostFile> files = new ArrayList<>();
    long max = 0;
    try (DirectoryStream<Path> groupDirs = Files.newDirectoryStream(posts)) {
      for (Path groupDir : groupDirs) {
        if (!Files.isDirectory(groupDir)) {
          if (groupDir.getFileName().toString().endsWith(TMP_SUFFIX)) {
            AtomicFiles.deleteQuietly(groupDir);
          } else {
            report("Ignoring " + groupDir + ": not a profiling-group directory.");
          }
          continue;
        }
        cleanTempFiles(groupDir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(groupDir)) {
          for (Path f : entries) {
            var m = POST_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) {
              report("Ignoring " + f + ": not a post file (expected 20 digits and .post).");
              continue;
            }
            long n = Long.parseLong(m.group(1));
            max = Math.max(max, n);
            files.add(new PostFile(n, f));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot list the data directory " + posts + ": " + e.getMessage(), e);
    }
    counter.set(max + 1);
    // Groups that exist but are not on disk yet (declared on the builder) become durable too, so
    // that
    // their posts are restored even by a fake that does not declare them.
    try {
      groupsChanged();
    } catch (UncheckedIOException e) {
      // reported; the directory may be read-only, and restoring goes on
    }
    files.sort(Comparator.comparingLong(PostFile::counter));
    Set<String> groups = new HashSet<>(engine.groups().names());
    int restored = 0;
    for (PostFile f : files) {
      if (restorePost(f.path(), groups)) {
        restored++;
      }
    }
    LOG.log(
        Level.DEBUG,
        "Restored {0} profiling group(s) and {1} of {2} post(s) from {3}",
        groups.size(),
        restored,
        files.size(),
        root);
  }

  private record PostFile(long counter, Path path) {}

  private void restoreGroups() {
    Path file = root.resolve(GROUPS_FILE);
    if (!Files.exists(file)) {
      return;
    }
    try {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      GroupsFile.importInto(engine, json);
    } catch (IOException | RuntimeException e) {
      Path kept = root.resolve(GROUPS_FILE + ".corrupt");
      String where;
      try {
        Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
        where = "moved to " + kept + " for inspection";
      } catch (IOException moveFailed) {
        where = "left in place";
      }
      report(
          "Skipping "
              + file
              + ": cannot restore the profiling groups from it ("
              + oneLine(e)
              + "); "
              + where
              + ".");
    }
  }

  /** Restores one post file; reports and returns false if it cannot. */
  private boolean restorePost(Path file, Set<String> groups) {
    PostHeader h;
    byte[] body;
    try {
      byte[] all = Files.readAllBytes(file);
      int nl = indexOf(all, (byte) '\n', MAX_HEADER_BYTES);
      if (nl < 0) {
        report("Skipping " + file + ": no header line (the file is truncated or not a post file).");
        return false;
      }
      h = PostHeader.parse(new String(all, 0, nl, StandardCharsets.UTF_8));
      int available = all.length - nl - 1;
      if (available != h.length()) {
        report(
            "Skipping "
                + file
                + ": the header announces "
                + h.length()
                + " body bytes but "
                + available
                + " follow (the file is truncated or was changed).");
        return false;
      }
      body = Arrays.copyOfRange(all, nl + 1, all.length);
      CRC32 crc = new CRC32();
      crc.update(body);
      if (crc.getValue() != h.crc32()) {
        report(
            "Skipping "
                + file
                + ": the body does not match its checksum (the file was corrupted).");
        return false;
      }
    } catch (IOException e) {
      report("Skipping " + file + ": cannot read it (" + oneLine(e) + ").");
      return false;
    } catch (PostHeader.BadHeader e) {
      report("Skipping " + file + ": bad header (" + e.getMessage() + ").");
      return false;
    }
    if (!groups.contains(h.group())) {
      report("Skipping " + file + ": its profiling group '" + h.group() + "' does not exist.");
      return false;
    }
    try {
      if (!engine.restoreProfile(
          h.group(), h.token(), h.contentType(), h.contentEncoding(), body, h.receivedAt())) {
        report(
            "Skipping "
                + file
                + ": it repeats the profile token '"
                + h.token()
                + "' of an earlier post of profiling group '"
                + h.group()
                + "' (a retried post is stored once).");
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      report("Skipping " + file + ": the profile cannot be restored (" + oneLine(e) + ").");
      return false;
    }
  }

  private static int indexOf(byte[] data, byte b, int limit) {
    for (int i = 0; i < Math.min(data.length, limit); i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private void cleanTempFiles(Path dir) {
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*" + TMP_SUFFIX)) {
      for (Path t : tmp) {
        LOG.log(
            Level.INFO,
            "Deleting {0}: a write that never completed (the client was never answered).",
            t);
        AtomicFiles.deleteQuietly(t);
      }
    } catch (IOException e) {
      report("Cannot clean temporary files in " + dir + " (" + oneLine(e) + ").");
    }
  }

  private void report(String problem) {
    problems.add(problem);
    LOG.log(Level.WARNING, problem);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes the post to its own file and forces it to disk before returning; the undo deletes it.
   *
   * @throws UncheckedIOException if it cannot be made durable (the fake then answers an error)
   * @throws IllegalArgumentException if the group name could escape the directory
   */
  @Override
  public Undo profileStored(
      String group,
      String token,
      String contentType,
      String contentEncoding,
      byte[] body,
      Instant receivedAt) {
    Path dir = groupDirectory(group);
    long n = counter.getAndIncrement();
    CRC32 crc = new CRC32();
    crc.update(body);
    byte[] head =
        new PostHeader(
                group, token, contentType, contentEncoding, receivedAt, body.length, crc.getValue())
            .line();
    Path file = dir.resolve(String.format("%020d", n) + POST_SUFFIX);
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeAtomically(file, head, body);
      return () -> AtomicFiles.deleteQuietly(file);
    } catch (IOException e) {
      String problem =
          "Could not store a post for profiling group '"
              + group
              + "' in "
              + dir
              + ": "
              + oneLine(e);
      report(problem);
      throw new UncheckedIOException(problem, e);
    }
  }

  /**
   * Writes the engine's current groups to {@code groups.json} (exported under the lock, so a
   * snapshot written later is never older than one written before), and deletes the posts of groups
   * that no longer exist.
   */
  @Override
  public void groupsChanged() {
    synchronized (groupsLock) {
      String current = GroupsFile.export(engine);
      Set<String> now = new HashSet<>(engine.groups().names());
      try {
        AtomicFiles.writeAtomically(
            root.resolve(GROUPS_FILE), current.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        String problem =
            "Could not store the profiling groups in "
                + root.resolve(GROUPS_FILE)
                + ": "
                + oneLine(e);
        report(problem);
        throw new UncheckedIOException(problem, e);
      }
      for (String gone : knownGroups) {
        if (!now.contains(gone)) {
          deletePostsOf(gone);
        }
      }
      knownGroups = now;
    }
  }

  /** Reset: forgets everything, on disk too. */
  @Override
  public void cleared() {
    synchronized (groupsLock) {
      AtomicFiles.deleteQuietly(root.resolve(GROUPS_FILE));
      try (DirectoryStream<Path> groupDirs = Files.newDirectoryStream(posts)) {
        for (Path groupDir : groupDirs) {
          if (Files.isDirectory(groupDir)) {
            deletePostFiles(groupDir, null);
          }
        }
      } catch (IOException e) {
        report("Could not clear " + posts + " (" + oneLine(e) + ").");
      }
      knownGroups = new HashSet<>();
    }
  }

  private void deletePostsOf(String group) {
    if (!PostHeader.SAFE_NAME.matcher(group).matches()) {
      return;
    }
    Path dir = posts.resolve(group);
    if (Files.isDirectory(dir)) {
      deletePostFiles(dir, group);
    }
  }

  /**
   * Deletes the post (and temp) files in {@code dir} whose header names {@code group} (all when
   * null: on a case-insensitive file system two groups can share a directory), then the directory
   * if empty.
   */
  private void deletePostFiles(Path dir, String group) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        boolean ours = POST_FILE.matcher(name).matches() || name.endsWith(TMP_SUFFIX);
        if (ours && (group == null || name.endsWith(TMP_SUFFIX) || group.equals(headerGroup(f)))) {
          AtomicFiles.deleteQuietly(f);
        }
      }
    } catch (IOException e) {
      report("Could not delete the posts in " + dir + " (" + oneLine(e) + ").");
    }
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // not empty (foreign or corrupt files stay for inspection) or gone: fine
    }
  }

  private static String headerGroup(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      byte[] start = in.readNBytes(MAX_HEADER_BYTES);
      int nl = indexOf(start, (byte) '\n', start.length);
      return nl < 0
          ? null
          : PostHeader.parse(new String(start, 0, nl, StandardCharsets.UTF_8)).group();
    } catch (IOException | PostHeader.BadHeader e) {
      return null;
    }
  }

  /** {@code posts/GROUP}, refusing any name that is not a plain file name inside {@code posts}. */
  private Path groupDirectory(String group) {
    if (group == null || !PostHeader.SAFE_NAME.matcher(group).matches()) {
      throw new IllegalArgumentException(
          "Refusing to store a post for the unsafe profiling-group name '" + group + "'");
    }
    Path dir = posts.resolve(group).normalize();
    if (!dir.getParent().equals(posts)) {
      throw new IllegalArgumentException(
          "Refusing to store a post outside " + posts + ": '" + group + "'");
    }
    return dir;
  }
}
