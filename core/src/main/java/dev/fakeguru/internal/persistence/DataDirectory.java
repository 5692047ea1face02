package dev.fakeguru.internal.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeguru.internal.engine.Engine;
import dev.fakeguru.internal.engine.GroupState;
import dev.fakeguru.internal.engine.Persistence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * DIR/groups.log                             every change of a profiling group (see GroupsLog)
 * DIR/posts/GROUP/00000000000000000042.post  one stored post: a one-line JSON header, then the raw body
 * </pre>
 *
 * <p>A post file starts with a single line of JSON, {@code {"format":"fakeguru-post/1","group":...,
 * "token":...,"contentType":...,"contentEncoding":...,"receivedAt":"ISO-8601","length":N,"crc32":C}},
 * followed by a newline and exactly {@code N} bytes: the body as the agent sent it. The 20-digit
 * counter orders the posts across groups. Every post file is written to a {@code .tmp} file in the
 * same directory, forced to disk, renamed atomically over its final name, and the directory is
 * forced too; a group change is one line appended to {@code groups.log} and forced. When a method
 * returns, the change is durable, so the fake only answers afterwards.
 *
 * <p>{@link #open} restores ({@link DirectoryRestore}) the groups (a {@code groups.json} of an
 * earlier version first, then {@code groups.log}), then every post in counter order under the live
 * rules (a token stored before is not stored twice); then it rewrites {@code groups.log} as one
 * record per group, so that groups declared on the builder are kept too. A file that is truncated,
 * has a bad header or checksum, no longer decodes, repeats a token, or names a deleted group is
 * reported (on the {@link System.Logger} of this class, and in {@link #problems()}) and skipped; it
 * is left where it is for inspection and never stops the rest from loading. A post whose group has
 * no record (a lost or corrupt groups file) brings the group back with default settings. Leftover
 * {@code .tmp} files are writes that were never acknowledged: they are deleted. Symbolic links are
 * never followed: a linked group directory or file is reported and left alone, by a reset too.
 *
 * <p>Deleting a profiling group deletes its post files, then records the deletion; {@link
 * #cleared()} (the fake's reset) deletes everything in the directory that this class wrote. Posts
 * are never compacted: the directory grows with every stored post, which suits a test fake.
 *
 * <p>Thread-safe: posts are written concurrently (each to its own file); group changes are written
 * one at a time, each from the engine's current state of the group, so an older state never follows
 * a newer one in the log.
 *
 * <pre>{@code
 * DataDirectory dir = DataDirectory.open(Path.of("fakeguru-data"), engine);
 * engine.persistTo(dir);
 * dir.problems().forEach(System.err::println);
 * }</pre>
 */
public final class DataDirectory implements Persistence {
  private static final Logger LOG = System.getLogger(DataDirectory.class.getName());

  /**
   * Where an earlier version kept every group, rewritten on each change; read once, then removed.
   */
  static final String LEGACY_GROUPS_FILE = "groups.json";

  static final String POSTS_DIR = "posts";
  static final String POST_SUFFIX = ".post";
  static final String TMP_SUFFIX = ".tmp";
  static final Pattern POST_FILE = Pattern.compile("^(\\d{20})\\.post$");

  /** Header lines longer than this are corrupt: a group name, token and types fit easily. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  private final Path root;
  private final Path posts;
  private final Engine engine;
  private final AtomicLong counter;
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Object groupsLock = new Object();
  private final GroupsLog groupsLog;

  private DataDirectory(Path root, Engine engine, long nextCounter) {
    this.root = root;
    this.posts = root.resolve(POSTS_DIR);
    this.engine = engine;
    this.counter = new AtomicLong(nextCounter);
    this.groupsLog = new GroupsLog(root);
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
    Path posts = root.resolve(POSTS_DIR);
    if (Files.isSymbolicLink(posts)) {
      throw new UncheckedIOException(
          new IOException(
              "Cannot use the data directory "
                  + root
                  + ": "
                  + posts
                  + " is a symbolic link, and the data directory follows none"));
    }
    try {
      Files.createDirectories(posts);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the data directory " + root + ": " + e.getMessage(), e);
    }
    DataDirectory d = new DataDirectory(root, engine, 1);
    d.counter.set(new DirectoryRestore(root, engine, d.groupsLog, d::report).restore());
    d.rewriteGroups();
    return d;
  }

  /** Rewrites the groups log as one record per group, and removes an earlier version's file. */
  private void rewriteGroups() {
    synchronized (groupsLock) {
      try {
        List<ObjectNode> all = new ArrayList<>();
        engine.groups().all().forEach(g -> all.add(GroupsFile.exportGroup(engine, g)));
        groupsLog.rewrite(all);
        AtomicFiles.deleteQuietly(root.resolve(LEGACY_GROUPS_FILE));
      } catch (IOException e) {
        report("Could not rewrite " + groupsLog.file() + " (" + oneLine(e) + ").");
      }
    }
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

  static int indexOf(byte[] data, byte b, int limit) {
    for (int i = 0; i < Math.min(data.length, limit); i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private void report(String problem) {
    problems.add(problem);
    LOG.log(Level.WARNING, problem);
  }

  static String oneLine(Throwable e) {
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
   * Appends the group's current state to the groups log, or, if the engine no longer has it,
   * deletes its post files and then records the deletion (a crash in between leaves the group with
   * fewer posts, never a deleted group's posts).
   */
  @Override
  public void groupChanged(String name) {
    synchronized (groupsLock) {
      try {
        Optional<GroupState> g = engine.groups().find(name);
        if (g.isPresent()) {
          groupsLog.put(GroupsFile.exportGroup(engine, g.get()));
        } else {
          deletePostsOf(name);
          groupsLog.delete(name);
        }
        if (groupsLog.worthRewriting(engine.groups().names().size())) {
          rewriteGroups();
        }
      } catch (IOException e) {
        String problem =
            "Could not store profiling group '"
                + name
                + "' in "
                + groupsLog.file()
                + ": "
                + oneLine(e);
        report(problem);
        throw new UncheckedIOException(problem, e);
      }
    }
  }

  /** Reset: forgets everything, on disk too. */
  @Override
  public void cleared() {
    synchronized (groupsLock) {
      AtomicFiles.deleteQuietly(root.resolve(LEGACY_GROUPS_FILE));
      try {
        groupsLog.clear();
      } catch (IOException e) {
        report("Could not clear " + groupsLog.file() + " (" + oneLine(e) + ").");
      }
      try (DirectoryStream<Path> groupDirs = Files.newDirectoryStream(posts)) {
        for (Path groupDir : groupDirs) {
          if (Files.isDirectory(groupDir, LinkOption.NOFOLLOW_LINKS)) {
            deletePostFiles(groupDir, null);
          }
        }
      } catch (IOException e) {
        report("Could not clear " + posts + " (" + oneLine(e) + ").");
      }
    }
  }

  private void deletePostsOf(String group) {
    if (!PostHeader.SAFE_NAME.matcher(group).matches()) {
      return;
    }
    Path dir = posts.resolve(group);
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
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
        boolean ours =
            (POST_FILE.matcher(name).matches() || name.endsWith(TMP_SUFFIX))
                && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
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
    if (!dir.getParent().equals(posts) || Files.isSymbolicLink(dir)) {
      throw new IllegalArgumentException(
          "Refusing to store a post outside "
              + posts
              + " (or through a symbolic link): '"
              + group
              + "'");
    }
    return dir;
  }
}
