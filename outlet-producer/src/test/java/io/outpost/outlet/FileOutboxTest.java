package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.outlet.OutletException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {

  private static final Instant T0 = Instant.parse("2025-11-26T21:00:00Z");

  @TempDir Path dir;

  private final byte[] sealed = "sealed bytes, opaque to the outbox".getBytes();

  private static EntryMeta meta(long sequence, LocalDate date) {
    return new EntryMeta(UUID.randomUUID(), date, sequence, digest(sequence), T0, null);
  }

  private static String digest(long seed) {
    return String.format("%064x", seed);
  }

  @Test
  void append_thenScan_returnsPendingEntryAndItsBytes() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta meta = meta(1, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, meta);
    }

    OutboxScan scan = outbox.scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.meta()).isEqualTo(meta);
              assertThat(e.state()).isEqualTo(EntryState.PENDING);
              assertThat(e.name()).isEqualTo("0000000001-" + meta.messageId());
            });
    assertThat(outbox.read(scan.entries().get(0))).isEqualTo(sealed);
  }

  @Test
  void append_writesOwnerOnlyFilesAndNoTemporaries() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta meta = meta(1, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, meta);
    }

    Path entry = dir.resolve(FileOutbox.entryName(1, meta.messageId()));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(entry.resolve("closing.p7m"))))
        .isEqualTo("rw-------");
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".lock", entry.getFileName().toString());
    }
  }

  @Test
  void scan_ordersBySequenceWhateverTheAppendOrder() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, meta(12, LocalDate.of(2025, 11, 3)));
      lock.append(sealed, meta(2, LocalDate.of(2025, 11, 1)));
      lock.append(sealed, meta(3, LocalDate.of(2025, 11, 2)));
    }

    assertThat(outbox.scan().entries())
        .extracting(OutboxEntry::sequence)
        .containsExactly(2L, 3L, 12L);
  }

  @Test
  void scan_ignoresTemporaryEntriesOfAnInterruptedAppend_andLockRemovesThem() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    Path leftover = dir.resolve(DurableFiles.TEMP_PREFIX + UUID.randomUUID());
    Files.createDirectories(leftover);
    Files.write(leftover.resolve(FileOutbox.SEALED_FILE), sealed);

    assertThat(outbox.scan().entries()).isEmpty();
    assertThat(outbox.scan().problems()).isEmpty();

    try (Outbox.Locked lock = outbox.lock()) {
      assertThat(leftover).doesNotExist();
      assertThat(lock.scan().entries()).isEmpty();
    }
  }

  @Test
  void lock_removesATemporaryReceiptOfAnInterruptedWrite_andKeepsTheKeptOnes() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    UUID keptId = UUID.randomUUID();
    try (Outbox.Locked lock = outbox.lock()) {
      lock.keepReceipt(keptId, sealed);
    }
    Path receipts = dir.resolve(FileOutbox.RECEIPTS_DIR);
    Path leftover = receipts.resolve(DurableFiles.TEMP_PREFIX + UUID.randomUUID() + ".p7s-x");
    Files.write(leftover, new byte[] {1, 2});

    try (Outbox.Locked lock = outbox.lock()) {
      assertThat(leftover).doesNotExist();
      assertThat(receipts.resolve(keptId + ".p7s")).hasBinaryContent(sealed);
    }
  }

  @Test
  void append_existingSequenceOrMessageId_isRefused() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta first = meta(1, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, first);

      assertThatThrownBy(() -> lock.append(sealed, meta(1, LocalDate.of(2025, 11, 27))))
          .isInstanceOf(OutletException.class)
          .hasMessageContaining("sequence 1");
      EntryMeta sameId =
          new EntryMeta(first.messageId(), first.businessDate(), 2, digest(2), T0, null);
      assertThatThrownBy(() -> lock.append(sealed, sameId))
          .isInstanceOf(OutletException.class)
          .hasMessageContaining(first.messageId().toString());
    }
    assertThat(outbox.scan().entries()).hasSize(1);
  }

  @Test
  void marks_followTheLifecycleWithTimestamps_andSurviveANewInstance() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    EntryMeta b = meta(2, LocalDate.of(2025, 11, 26));
    UUID receipt = UUID.randomUUID();
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.append(sealed, b);
      lock.markSent(a.messageId(), T0.plusSeconds(1));
      lock.markAcknowledged(a.messageId(), T0.plusSeconds(2), receipt);
      lock.markSent(b.messageId(), T0.plusSeconds(3));
      lock.markRejected(b.messageId(), T0.plusSeconds(4), receipt, "sequence gap");
    }

    OutboxScan scan = new FileOutbox(dir).scan();

    OutboxEntry first = scan.find(a.messageId()).orElseThrow();
    assertThat(first.state()).isEqualTo(EntryState.ACKNOWLEDGED);
    assertThat(first.sentAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(first.acknowledgedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(first.receiptId()).isEqualTo(receipt);
    OutboxEntry second = scan.find(b.messageId()).orElseThrow();
    assertThat(second.state()).isEqualTo(EntryState.REJECTED);
    assertThat(second.rejectReason()).isEqualTo("sequence gap");
    assertThat(scan.count(EntryState.ACKNOWLEDGED)).isEqualTo(1);
  }

  @Test
  void markSent_repeated_keepsTheFirstTime() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.markSent(a.messageId(), T0.plusSeconds(1));
      OutboxEntry again = lock.markSent(a.messageId(), T0.plusSeconds(9));

      assertThat(again.sentAt()).isEqualTo(T0.plusSeconds(1));
    }
  }

  @Test
  void markSent_afterAcknowledged_isABug() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.markAcknowledged(a.messageId(), T0, UUID.randomUUID());

      assertThatThrownBy(() -> lock.markSent(a.messageId(), T0))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void changes_afterTheLockIsReleased_areRefused() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    Outbox.Locked lock = outbox.lock();
    lock.close();

    assertThatThrownBy(() -> lock.append(sealed, meta(1, LocalDate.of(2025, 11, 25))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(outbox.scan().entries()).isEmpty();
  }

  @Test
  void lock_heldByAnotherOutbox_isRefusedUntilReleased() throws Exception {
    FileOutbox first = new FileOutbox(dir);
    FileOutbox second = new FileOutbox(dir);

    try (Outbox.Locked lock = first.lock()) {
      assertThat(lock.scan().problems()).isEmpty();
      assertThatThrownBy(second::lock)
          .isInstanceOfSatisfying(
              OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTBOX_LOCKED))
          .hasMessageContaining(".lock");
    }
    try (Outbox.Locked lock = second.lock()) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void lock_heldByAnotherProcess_isRefused() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path holder = dir.resolve("Hold.java");
    Files.writeString(
        holder,
        "import java.nio.channels.FileChannel; import java.nio.file.*;\n"
            + "public class Hold { public static void main(String[] a) throws Exception {\n"
            + "  try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
            + " StandardOpenOption.WRITE); var l = c.lock()) {\n"
            + "    System.out.println(\"locked\"); System.out.flush(); System.in.read(); } } }\n");
    Process process =
        new ProcessBuilder(java, holder.toString(), dir.resolve(".lock").toString())
            .redirectErrorStream(true)
            .start();
    try {
      String line =
          new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))
              .readLine();
      assertThat(line).isEqualTo("locked");

      assertThatThrownBy(outbox::lock)
          .isInstanceOfSatisfying(
              OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTBOX_LOCKED));
    } finally {
      process.getOutputStream().close();
      process.waitFor();
      Files.delete(holder);
    }
    try (Outbox.Locked lock = outbox.lock()) {
      assertThat(lock).isNotNull();
    }
  }

  @Test
  void truncatedEntry_isReportedByName_andTheOthersStayUsable() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    EntryMeta b = meta(2, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.append(sealed, b);
    }
    Path damaged =
        dir.resolve(FileOutbox.entryName(1, a.messageId())).resolve(FileOutbox.SEALED_FILE);
    Files.write(damaged, Arrays.copyOf(sealed, 5));

    OutboxScan scan = outbox.scan();

    assertThat(scan.entries()).extracting(OutboxEntry::messageId).containsExactly(b.messageId());
    assertThat(scan.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.sequence()).isEqualTo(1);
              assertThat(p.describe())
                  .contains(FileOutbox.entryName(1, a.messageId()))
                  .contains("truncated");
            });
  }

  @Test
  void read_alteredBytesOfTheSameLength_isRefusedNamingTheFile() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
    }
    Path file = dir.resolve(FileOutbox.entryName(1, a.messageId())).resolve(FileOutbox.SEALED_FILE);
    byte[] altered = sealed.clone();
    altered[7] ^= 1;
    Files.write(file, altered);
    OutboxEntry entry = outbox.scan().entries().get(0);

    assertThatThrownBy(() -> outbox.read(entry))
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTBOX_CORRUPT))
        .hasMessageContaining(file.toString());
  }

  @Test
  void corruptMetaOrState_andStrayFiles_areReportedNotSkipped() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 24));
    EntryMeta b = meta(2, LocalDate.of(2025, 11, 25));
    EntryMeta c = meta(3, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.append(sealed, b);
      lock.append(sealed, c);
      lock.markSent(b.messageId(), T0);
    }
    Files.writeString(
        dir.resolve(FileOutbox.entryName(1, a.messageId())).resolve("meta.properties"), "format=");
    Files.writeString(
        dir.resolve(FileOutbox.entryName(2, b.messageId())).resolve("state.properties"),
        "state=LOST\n");
    Files.writeString(dir.resolve("notes.txt"), "x");

    OutboxScan scan = outbox.scan();

    assertThat(scan.entries()).extracting(OutboxEntry::messageId).containsExactly(c.messageId());
    assertThat(scan.problems())
        .extracting(OutboxProblem::describe)
        .anySatisfy(
            d -> assertThat(d).contains(a.messageId().toString()).contains("meta.properties"))
        .anySatisfy(
            d -> assertThat(d).contains(b.messageId().toString()).contains("state.properties"))
        .anySatisfy(d -> assertThat(d).contains("notes.txt"));
  }

  @Test
  void nextLink_chainsToTheHighestSequence_orRefusesWhenItIsUnreadable() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    assertThat(outbox.scan().nextLink()).isEqualTo(ChainLink.FIRST);
    EntryMeta a = meta(1, LocalDate.of(2025, 11, 25));
    EntryMeta b = meta(2, LocalDate.of(2025, 11, 26));
    try (Outbox.Locked lock = outbox.lock()) {
      lock.append(sealed, a);
      lock.append(sealed, b);
    }
    assertThat(outbox.scan().nextLink()).isEqualTo(new ChainLink(3, b.contentDigest()));

    Files.delete(
        dir.resolve(FileOutbox.entryName(2, b.messageId())).resolve(FileOutbox.SEALED_FILE));

    assertThatThrownBy(() -> outbox.scan().nextLink())
        .isInstanceOfSatisfying(
            OutletException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUTBOX_CORRUPT))
        .hasMessageContaining(FileOutbox.entryName(2, b.messageId()));
  }

  @Test
  void keepReceipt_storesTheSignedBytesOnce() throws Exception {
    FileOutbox outbox = new FileOutbox(dir);
    UUID receipt = UUID.randomUUID();
    try (Outbox.Locked lock = outbox.lock()) {
      lock.keepReceipt(receipt, new byte[] {1, 2, 3});
      lock.keepReceipt(receipt, new byte[] {1, 2, 3});
    }

    assertThat(dir.resolve("receipts").resolve(receipt + ".p7s"))
        .hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(outbox.scan().problems()).isEmpty();
  }
}
