package dev.fakeguru.internal.persistence;

import dev.fakeguru.internal.server.CodeGuruService;
import dev.fakeguru.internal.server.Persistence;
import java.nio.file.Path;

/** Keeps profiling groups and stored posts in a directory so they survive a restart. Internal. */
public final class DataDirectory implements Persistence {
  private DataDirectory() {}

  /** Opens (creating if needed) the directory and restores what it holds into {@code service}. */
  public static DataDirectory open(Path dir, CodeGuruService service) {
    throw new UnsupportedOperationException("data directories arrive with the standalone server");
  }

  @Override
  public void profileStored(String g, String t, String ct, String ce, byte[] b, java.time.Instant at) {}

  @Override
  public void groupsChanged(String groupsJson) {}
}
