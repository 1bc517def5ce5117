package io.outpost.keystore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files that readers see either complete or not at all, and never replaces one.
 *
 * <p>The content goes to a hidden temporary file in the same directory, created with its final
 * permissions before any byte is written, is forced to disk, and is then published under its name.
 */
public final class AtomicFiles {

  /** Private keys: only the owner can read them, from the moment the file exists. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Certificates, requests and markers: public data. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  /** Directories of public data. */
  public static final Set<PosixFilePermission> PUBLIC_DIRECTORY =
      PosixFilePermissions.fromString("rwxr-xr-x");

  /** Directories that hold a private key. */
  public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target}, which must not exist yet.
   *
   * @throws FileAlreadyExistsException if {@code target} exists, even when another process created
   *     it while this one was writing
   */
  public static void create(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temp =
        isPosix(directory)
            ? Files.createTempFile(
                directory,
                "." + target.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(permissions))
            : Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      publish(temp, target);
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates a directory (and missing parents) with the given permissions where POSIX allows. */
  public static void createDirectories(Path directory, Set<PosixFilePermission> permissions)
      throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
    try {
      if (isPosix(parent)) {
        FileAttribute<Set<PosixFilePermission>> attribute =
            PosixFilePermissions.asFileAttribute(permissions);
        Files.createDirectory(directory, attribute);
      } else {
        Files.createDirectory(directory);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  /** Moves {@code source} over {@code target} in one step, and makes the rename durable. */
  public static void replace(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Deletes a directory whose remaining entries are only hidden leftovers of interrupted writes.
   */
  public static void deleteDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
          Files.delete(entry);
        }
      }
    }
    Files.delete(directory);
    syncDirectory(directory.toAbsolutePath().getParent());
  }

  /**
   * A hard link fails when the name exists, so a concurrent writer can never be overwritten; file
   * systems without hard links fall back to a rename after the existence check above.
   */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * Makes the new directory entry durable; some platforms cannot open a directory, which is fine.
   */
  public static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // The file itself is already on disk; only the name might be lost in a crash right now.
    }
  }

  private static boolean isPosix(Path directory) {
    return directory != null
        && directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
