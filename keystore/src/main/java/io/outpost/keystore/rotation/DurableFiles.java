package io.outpost.keystore.rotation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File writes that a crash leaves either done or not done: content goes to a hidden temporary file
 * created with its final permissions, is forced to disk, and is then published under its name.
 */
final class DurableFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> PUBLIC_DIRECTORY =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private DurableFiles() {}

  /**
   * Creates {@code target} with {@code content}; never replaces an existing file.
   *
   * @throws FileAlreadyExistsException if {@code target} exists
   */
  static void create(Path target, byte[] content, Set<PosixFilePermission> permissions)
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
      try {
        // A hard link fails when the name exists: a concurrent writer is never overwritten.
        Files.createLink(target, temp);
      } catch (UnsupportedOperationException e) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves {@code source} over {@code target} in one step, and makes the rename durable. */
  static void replace(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Creates a directory and its parents; the last one gets {@code permissions} where POSIX. */
  static void createDirectories(Path directory, Set<PosixFilePermission> permissions)
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
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(permissions));
      } else {
        Files.createDirectory(directory);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  /**
   * Deletes a directory whose remaining entries are only hidden leftovers of interrupted writes.
   */
  static void deleteDirectory(Path directory) throws IOException {
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

  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the files themselves are on disk already.
    }
  }

  private static boolean isPosix(Path directory) {
    return directory != null
        && directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
