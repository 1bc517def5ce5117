package io.outpost.outlet;

import io.outpost.outlet.OutletException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outbox as a directory. Each entry is a directory named {@code <sequence>-<message id>} (the
 * sequence zero-padded, so a listing shows the order) holding the sealed closing, its metadata and,
 * once it changed, its state. An entry is built under a temporary name and renamed into place, so
 * it appears whole or not at all; its state file is replaced the same way. Changes go through the
 * handle {@link #lock()} returns.
 *
 * <pre>
 * outbox/
 *   .lock                                   held by the command that changes the outbox
 *   0000000001-5f0c…/closing.p7m            the sealed closing, exactly as sent
 *   0000000001-5f0c…/meta.properties        message id, business date, sequence, digests, times
 *   0000000001-5f0c…/state.properties       SENT / ACKNOWLEDGED / REJECTED and when (absent: PENDING)
 *   receipts/&lt;receipt id&gt;.p7s              HQ's verified signed receipts, kept as evidence
 * </pre>
 */
final class FileOutbox implements Outbox {

  static final String LOCK_FILE = ".lock";
  static final String SEALED_FILE = "closing.p7m";
  static final String META_FILE = "meta.properties";
  static final String STATE_FILE = "state.properties";
  static final String RECEIPTS_DIR = "receipts";

  private static final String FORMAT = "outpost.outbox-entry/1";
  private static final Pattern ENTRY_NAME =
      Pattern.compile("(\\d{10})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  private final Path dir;
  private FileChannel lockChannel;
  private FileLock fileLock;

  FileOutbox(Path dir) {
    this.dir = dir;
  }

  Path directory() {
    return dir;
  }

  static String entryName(long sequence, UUID messageId) {
    return String.format("%010d-%s", sequence, messageId);
  }

  @Override
  public synchronized Locked lock() throws OutletException {
    if (fileLock != null) {
      throw new IllegalStateException("the outbox lock is already held by this process");
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      DurableFiles.createDirectories(dir);
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock acquired = channel.tryLock();
      if (acquired == null) {
        throw locked(lockFile);
      }
      lockChannel = channel;
      fileLock = acquired;
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw locked(lockFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OutletException(
          Reason.IO, "cannot lock the outbox " + lockFile + ": " + e.getMessage(), e);
    } catch (OutletException e) {
      closeQuietly(channel);
      throw e;
    }
    removeLeftovers();
    return new FileLocked();
  }

  private static OutletException locked(Path lockFile) {
    return new OutletException(
        Reason.OUTBOX_LOCKED,
        "another outlet command is using the outbox ("
            + lockFile
            + " is locked); wait for it to finish and run this again");
  }

  private synchronized void unlock() {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
    } catch (IOException e) {
      // closing the channel below releases the lock as well
    } finally {
      fileLock = null;
      closeQuietly(lockChannel);
      lockChannel = null;
    }
  }

  /**
   * Temporary files of a process that died mid-write; nobody else writes while we hold the lock.
   */
  private void removeLeftovers() throws OutletException {
    try (Stream<Path> top = Files.list(dir)) {
      for (Path path : top.toList()) {
        String name = path.getFileName().toString();
        if (name.startsWith(DurableFiles.TEMP_PREFIX)) {
          DurableFiles.deleteTree(path);
        } else if (Files.isDirectory(path)
            && (ENTRY_NAME.matcher(name).matches() || name.equals(RECEIPTS_DIR))) {
          removeTemporaryFiles(path);
        }
      }
    } catch (IOException e) {
      throw ioFailure("clean up the outbox " + dir, e);
    }
  }

  private static void removeTemporaryFiles(Path directory) throws IOException {
    try (Stream<Path> inner = Files.list(directory)) {
      for (Path file : inner.toList()) {
        if (file.getFileName().toString().startsWith(DurableFiles.TEMP_PREFIX)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private OutboxEntry append(byte[] sealed, EntryMeta meta) throws OutletException {
    if (sealed.length == 0) {
      throw new IllegalArgumentException("an empty sealed message");
    }
    String name = entryName(meta.sequence(), meta.messageId());
    String sequencePrefix = name.substring(0, 11);
    try {
      DurableFiles.createDirectories(dir);
      try (Stream<Path> names = Files.list(dir)) {
        Optional<String> clash =
            names
                .map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(sequencePrefix) || n.endsWith("-" + meta.messageId()))
                .findFirst();
        if (clash.isPresent()) {
          throw new OutletException(
              Reason.INVALID_INPUT,
              "the outbox already holds "
                  + dir.resolve(clash.get())
                  + " with sequence "
                  + meta.sequence()
                  + " or message id "
                  + meta.messageId());
        }
      }
      Path temp = DurableFiles.createTempDirectory(dir);
      try {
        DurableFiles.writeNew(temp.resolve(SEALED_FILE), sealed);
        DurableFiles.writeNew(
            temp.resolve(META_FILE), DurableFiles.properties(metaValues(meta, sealed)));
        DurableFiles.publish(temp, dir.resolve(name));
      } finally {
        DurableFiles.deleteTree(temp);
      }
    } catch (IOException e) {
      throw ioFailure("write outbox entry " + dir.resolve(name), e);
    }
    return OutboxEntry.pending(name, meta);
  }

  private static Map<String, String> metaValues(EntryMeta meta, byte[] sealed) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("format", FORMAT);
    values.put("messageId", meta.messageId().toString());
    values.put("businessDate", meta.businessDate().toString());
    values.put("sequence", Long.toString(meta.sequence()));
    values.put("contentDigest", meta.contentDigest());
    values.put("createdAt", meta.createdAt().toString());
    if (meta.amends() != null) {
      values.put("amends", meta.amends().toString());
    }
    values.put("sealedLength", Integer.toString(sealed.length));
    values.put("sealedSha256", Digests.sha256Hex(sealed));
    return values;
  }

  @Override
  public OutboxScan scan() throws OutletException {
    List<OutboxEntry> entries = new ArrayList<>();
    List<OutboxProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new OutboxScan(entries, problems);
    }
    List<Path> paths;
    try (Stream<Path> listing = Files.list(dir)) {
      paths = listing.sorted().toList();
    } catch (IOException e) {
      throw ioFailure("list the outbox " + dir, e);
    }
    for (Path path : paths) {
      String name = path.getFileName().toString();
      if (name.startsWith(".") || (name.equals(RECEIPTS_DIR) && Files.isDirectory(path))) {
        continue;
      }
      Matcher matcher = ENTRY_NAME.matcher(name);
      if (!matcher.matches() || !Files.isDirectory(path)) {
        problems.add(
            new OutboxProblem(path, 0, "not an outbox entry; move it out of the outbox directory"));
        continue;
      }
      try {
        entries.add(load(path));
      } catch (CorruptEntry e) {
        problems.add(new OutboxProblem(path, Long.parseLong(matcher.group(1)), e.getMessage()));
      }
    }
    return new OutboxScan(entries, problems);
  }

  @Override
  public byte[] read(OutboxEntry entry) throws OutletException {
    Path path = dir.resolve(entry.name());
    try {
      Map<String, String> meta = readProperties(path.resolve(META_FILE));
      byte[] sealed = Files.readAllBytes(path.resolve(SEALED_FILE));
      String expected = meta.get("sealedSha256");
      if (expected == null
          || !MessageDigest.isEqual(
              HexFormat.of().parseHex(expected),
              HexFormat.of().parseHex(Digests.sha256Hex(sealed)))) {
        throw new OutletException(
            Reason.OUTBOX_CORRUPT,
            "outbox entry "
                + path.resolve(SEALED_FILE)
                + ": the sealed closing is truncated or altered (its SHA-256 differs from "
                + META_FILE
                + "); restore it from a backup");
      }
      return sealed;
    } catch (NoSuchFileException e) {
      throw new OutletException(
          Reason.OUTBOX_CORRUPT, "outbox entry " + path + ": " + e.getFile() + " is missing", e);
    } catch (IOException | IllegalArgumentException e) {
      throw ioFailure("read outbox entry " + path, e);
    }
  }

  private OutboxEntry transition(
      UUID messageId, EntryState next, Instant at, UUID receiptId, String rejectReason)
      throws OutletException {
    Path path = findEntry(messageId);
    OutboxEntry current;
    try {
      current = load(path);
    } catch (CorruptEntry e) {
      throw new OutletException(
          Reason.OUTBOX_CORRUPT, "outbox entry " + path + ": " + e.getMessage());
    }
    if (current.state() == next) {
      return current;
    }
    if (!current.state().canBecome(next)) {
      throw new IllegalStateException(
          "outbox entry " + current.name() + " cannot go from " + current.state() + " to " + next);
    }
    OutboxEntry updated =
        new OutboxEntry(
            current.name(),
            current.meta(),
            next,
            next == EntryState.SENT ? at : current.sentAt(),
            next == EntryState.ACKNOWLEDGED ? at : null,
            next == EntryState.REJECTED ? at : null,
            receiptId,
            rejectReason);
    try {
      DurableFiles.replace(path.resolve(STATE_FILE), DurableFiles.properties(stateValues(updated)));
    } catch (IOException e) {
      throw ioFailure("record the state of outbox entry " + path, e);
    }
    return updated;
  }

  private static Map<String, String> stateValues(OutboxEntry entry) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("state", entry.state().name());
    putIfPresent(values, "sentAt", entry.sentAt());
    putIfPresent(values, "acknowledgedAt", entry.acknowledgedAt());
    putIfPresent(values, "rejectedAt", entry.rejectedAt());
    putIfPresent(values, "receiptId", entry.receiptId());
    putIfPresent(values, "rejectReason", entry.rejectReason());
    return values;
  }

  private static void putIfPresent(Map<String, String> values, String key, Object value) {
    if (value != null) {
      values.put(key, value.toString());
    }
  }

  private void keepReceipt(UUID receiptId, byte[] signedReceipt) throws OutletException {
    Path receipts = dir.resolve(RECEIPTS_DIR);
    Path target = receipts.resolve(receiptId + ".p7s");
    try {
      DurableFiles.createDirectories(receipts);
      if (!Files.exists(target)) {
        DurableFiles.replace(target, signedReceipt);
      }
    } catch (IOException e) {
      throw ioFailure("keep receipt " + target, e);
    }
  }

  private Path findEntry(UUID messageId) throws OutletException {
    String suffix = "-" + messageId;
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> ENTRY_NAME.matcher(p.getFileName().toString()).matches())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no outbox entry for message " + messageId));
    } catch (IOException e) {
      throw ioFailure("list the outbox " + dir, e);
    }
  }

  private OutboxEntry load(Path path) throws CorruptEntry {
    String name = path.getFileName().toString();
    Matcher matcher = ENTRY_NAME.matcher(name);
    if (!matcher.matches()) {
      throw new CorruptEntry("the name is not <sequence>-<message id>");
    }
    Map<String, String> meta;
    try {
      meta = readProperties(path.resolve(META_FILE));
    } catch (NoSuchFileException e) {
      throw new CorruptEntry(META_FILE + " is missing; restore the entry from a backup");
    } catch (IOException e) {
      throw new CorruptEntry(META_FILE + " cannot be read: " + e.getMessage());
    }
    EntryMeta entryMeta = parseMeta(meta);
    if (entryMeta.sequence() != Long.parseLong(matcher.group(1))
        || !entryMeta.messageId().toString().equals(matcher.group(2))) {
      throw new CorruptEntry(META_FILE + " names another sequence or message id than the entry");
    }
    long expectedLength = parseLong(meta, "sealedLength");
    Path sealed = path.resolve(SEALED_FILE);
    try {
      long actual = Files.size(sealed);
      if (actual != expectedLength) {
        throw new CorruptEntry(
            SEALED_FILE
                + " is truncated or altered: "
                + actual
                + " bytes where "
                + expectedLength
                + " were written; restore it from a backup");
      }
    } catch (NoSuchFileException e) {
      throw new CorruptEntry(SEALED_FILE + " is missing; restore the entry from a backup");
    } catch (IOException e) {
      throw new CorruptEntry(SEALED_FILE + " cannot be read: " + e.getMessage());
    }
    Path stateFile = path.resolve(STATE_FILE);
    if (!Files.exists(stateFile)) {
      return OutboxEntry.pending(name, entryMeta);
    }
    Map<String, String> state;
    try {
      state = readProperties(stateFile);
    } catch (IOException e) {
      throw new CorruptEntry(STATE_FILE + " cannot be read: " + e.getMessage());
    }
    try {
      return new OutboxEntry(
          name,
          entryMeta,
          EntryState.valueOf(required(state, "state", STATE_FILE)),
          optionalInstant(state, "sentAt"),
          optionalInstant(state, "acknowledgedAt"),
          optionalInstant(state, "rejectedAt"),
          Optional.ofNullable(state.get("receiptId")).map(UUID::fromString).orElse(null),
          state.get("rejectReason"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CorruptEntry(STATE_FILE + " is not valid: " + e.getMessage());
    }
  }

  private static EntryMeta parseMeta(Map<String, String> meta) throws CorruptEntry {
    if (!FORMAT.equals(meta.get("format"))) {
      throw new CorruptEntry(META_FILE + " is not an " + FORMAT + " file");
    }
    try {
      String amends = meta.get("amends");
      return new EntryMeta(
          UUID.fromString(required(meta, "messageId", META_FILE)),
          LocalDate.parse(required(meta, "businessDate", META_FILE)),
          parseLong(meta, "sequence"),
          required(meta, "contentDigest", META_FILE),
          Instant.parse(required(meta, "createdAt", META_FILE)),
          amends == null ? null : UUID.fromString(amends));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CorruptEntry(META_FILE + " is not valid: " + e.getMessage());
    }
  }

  private static String required(Map<String, String> values, String key, String file)
      throws CorruptEntry {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new CorruptEntry(file + " lacks " + key);
    }
    return value;
  }

  private static long parseLong(Map<String, String> values, String key) throws CorruptEntry {
    try {
      return Long.parseLong(required(values, key, META_FILE));
    } catch (NumberFormatException e) {
      throw new CorruptEntry(META_FILE + ": " + key + " is not a number");
    }
  }

  private static Instant optionalInstant(Map<String, String> values, String key) {
    String value = values.get(key);
    return value == null ? null : Instant.parse(value);
  }

  private static Map<String, String> readProperties(Path file) throws IOException {
    return DurableFiles.parseProperties(Files.readAllBytes(file));
  }

  private static OutletException ioFailure(String what, Exception e) {
    return new OutletException(Reason.IO, "cannot " + what + ": " + e.getMessage(), e);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }

  /** The handle of the held lock: every change goes through it, and none after it is closed. */
  private final class FileLocked implements Locked {

    private boolean released;

    private synchronized void requireHeld() {
      if (released) {
        throw new IllegalStateException("the outbox lock was already released");
      }
    }

    @Override
    public OutboxScan scan() throws OutletException {
      return FileOutbox.this.scan();
    }

    @Override
    public byte[] read(OutboxEntry entry) throws OutletException {
      return FileOutbox.this.read(entry);
    }

    @Override
    public OutboxEntry append(byte[] sealed, EntryMeta meta) throws OutletException {
      requireHeld();
      return FileOutbox.this.append(sealed, meta);
    }

    @Override
    public OutboxEntry markSent(UUID messageId, Instant at) throws OutletException {
      requireHeld();
      return transition(messageId, EntryState.SENT, at, null, null);
    }

    @Override
    public OutboxEntry markAcknowledged(UUID messageId, Instant at, UUID receiptId)
        throws OutletException {
      requireHeld();
      return transition(messageId, EntryState.ACKNOWLEDGED, at, receiptId, null);
    }

    @Override
    public OutboxEntry markRejected(UUID messageId, Instant at, UUID receiptId, String reason)
        throws OutletException {
      requireHeld();
      return transition(messageId, EntryState.REJECTED, at, receiptId, reason);
    }

    @Override
    public void keepReceipt(UUID receiptId, byte[] signedReceipt) throws OutletException {
      requireHeld();
      FileOutbox.this.keepReceipt(receiptId, signedReceipt);
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        unlock();
      }
    }
  }

  /** An entry that cannot be used as it is; the message says which file and why. */
  private static final class CorruptEntry extends Exception {
    CorruptEntry(String message) {
      super(message);
    }
  }
}
