package io.outpost.outlet;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes that survive a crash: temporary file, fsync, atomic rename, fsync of the directory. Files
 * are owner-only where the file system has POSIX permissions.
 */
final class DurableFiles {

  /** Names of files and directories still being written; readers ignore them. */
  static final String TEMP_PREFIX = ".tmp-";

  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private DurableFiles() {}

  /** Creates the directory (owner-only) and its parents when missing. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, dirAttributes());
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  /** A new owner-only directory with a temporary name beside {@code target}. */
  static Path createTempDirectory(Path parent) throws IOException {
    return Files.createDirectory(parent.resolve(TEMP_PREFIX + UUID.randomUUID()), dirAttributes());
  }

  /** Writes a new file and forces it to disk; fails if the file exists. */
  static void writeNew(Path file, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            fileAttributes())) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Replaces {@code target} with {@code content} so that a reader sees the old or the new bytes.
   */
  static void replace(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
    try {
      writeNew(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Renames a finished temporary directory or file into place and makes the rename durable. */
  static void publish(Path temp, Path target) throws IOException {
    syncDirectory(temp);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Forces a directory's entries (creations and renames) to disk. */
  static void syncDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Removes a temporary file or directory left behind by a process that died while writing. */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Properties as sorted {@code key=value} lines, without the date comment of Properties.store. */
  static byte[] properties(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    StringWriter writer = new StringWriter();
    try {
      properties.store(writer, null);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter cannot fail", e);
    }
    String body =
        writer
            .toString()
            .lines()
            .filter(l -> !l.startsWith("#"))
            .sorted()
            .collect(Collectors.joining("\n"));
    return (body + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> parseProperties(byte[] content) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    return values;
  }

  private static FileAttribute<?>[] fileAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] dirAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
        : new FileAttribute<?>[0];
  }
}
