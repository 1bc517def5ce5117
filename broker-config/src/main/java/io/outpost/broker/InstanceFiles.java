package io.outpost.broker;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The instance's editable files: read whole, and replaced atomically so that the broker, which
 * re-reads them while it runs, never sees half a file.
 */
final class InstanceFiles {

  /** The users file holds password hashes: only the broker's owner reads it. */
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private InstanceFiles() {}

  /**
   * A properties file as provisioning sees it: the comment lines it starts with, up to the first
   * blank line or entry, and its entries.
   */
  record PropertiesFile(List<String> header, SortedMap<String, String> entries) {
    PropertiesFile {
      header = List.copyOf(header);
      entries = new TreeMap<>(entries);
    }

    /** The file's text: the header, then one {@code key = value} line per entry, sorted. */
    String render() {
      StringBuilder text = new StringBuilder();
      header.forEach(line -> text.append(line).append('\n'));
      entries.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
      return text.toString();
    }
  }

  static PropertiesFile readProperties(Path file) throws BrokerException {
    String text = readText(file);
    List<String> header = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("#") && !trimmed.startsWith("!")) {
        break;
      }
      header.add(line);
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new BrokerException(BrokerException.Reason.CORRUPT_FILE, "cannot parse " + file, e);
    }
    SortedMap<String, String> entries = new TreeMap<>();
    properties.forEach((key, value) -> entries.put(key.toString(), value.toString().strip()));
    return new PropertiesFile(header, entries);
  }

  static String readText(Path file) throws BrokerException {
    if (!Files.isRegularFile(file)) {
      throw new BrokerException(BrokerException.Reason.MISSING_FILE, "missing " + file);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrokerException(BrokerException.Reason.IO, "cannot read " + file, e);
    }
  }

  static void write(Path file, String text, Set<PosixFilePermission> permissions)
      throws BrokerException {
    try {
      replace(file, text.getBytes(StandardCharsets.UTF_8), permissions);
    } catch (IOException e) {
      throw new BrokerException(BrokerException.Reason.IO, "cannot write " + file, e);
    }
  }

  /**
   * Writes {@code content} to a temporary file made with its final permissions, forces it to disk
   * and renames it over {@code target}.
   */
  static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path temp =
        posix
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
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
