package dev.fakeguru.internal.persistence;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable file writes for the data directory: write to a temporary file beside the target, force
 * it, rename it over the target, force the directory. Internal.
 */
final class AtomicFiles {
  private static final Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private AtomicFiles() {}

  static void writeAtomically(Path target, byte[]... parts) throws IOException {
    Path dir = target.getParent();
    Path tmp =
        dir.resolve(
            target.getFileName()
                + "."
                + Long.toHexString(System.nanoTime())
                + DataDirectory.TMP_SUFFIX);
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (byte[] p : parts) {
        ByteBuffer buf = ByteBuffer.wrap(p);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      ch.force(true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw e;
    }
    forceDirectory(dir);
  }

  /**
   * Makes the rename durable; not every platform can open a directory, which is then best effort.
   */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open directories; the rename is still atomic there.
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete {0}: {1}", p, e.getMessage());
    }
  }
}
