package io.outpost.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny tmpfs mounted for one outbox, so that its disk can really fill up. Mounting needs root;
 * where the suite may not mount, {@link #mount} says so and the scenario falls back to a file size
 * limit ({@code ulimit -f}) on the outlet process.
 */
final class SmallDisk implements AutoCloseable {

  private final Path dir;
  private final Path filler;

  private SmallDisk(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler");
  }

  /**
   * Mounts a tmpfs of {@code size} (such as "384k") on {@code dir}, or empty when not allowed (or
   * when {@code -Dreliability.tmpfs=false} asks for the file size limit instead).
   */
  static Optional<SmallDisk> mount(Path dir, String size) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if ("false".equals(System.getProperty("reliability.tmpfs"))) {
      return Optional.empty();
    }
    Launched mount =
        Launched.start(
            "mount",
            List.of(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=" + size + ",mode=0700",
                "tmpfs",
                dir.toString()),
            Map.of(),
            dir.getParent(),
            dir.resolveSibling(dir.getFileName() + "-mount.log"));
    return mount.waitFor(Duration.ofSeconds(30)) == 0
        ? Optional.of(new SmallDisk(dir))
        : Optional.empty();
  }

  Path dir() {
    return dir;
  }

  /** Writes a filler file until the file system refuses another byte; returns its size. */
  long fill() {
    long written = 0;
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
        written += block.length;
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw new UncheckedIOException(e);
      }
    }
    return written;
  }

  void free() {
    try {
      Files.deleteIfExists(filler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    Launched.start(
            "umount",
            List.of("umount", "-l", dir.toString()),
            Map.of(),
            dir.getParent(),
            dir.resolveSibling(dir.getFileName() + "-umount.log"))
        .waitFor(Duration.ofSeconds(30));
  }
}
