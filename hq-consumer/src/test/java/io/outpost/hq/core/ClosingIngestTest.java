package io.outpost.hq.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ClosingLine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch verified on several threads comes out as it would on one: same order, same checks. */
class ClosingIngestTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private final Identity hq = TestIdentities.of("hq");
  private final Identity outletA = TestIdentities.of("outlet-a");
  private final Identity outletB = TestIdentities.of("outlet-b");
  private final SecureMessages hqMessages =
      new SecureMessages(
          hq,
          TrustStore.of(List.of(TestIdentities.pin(outletA), TestIdentities.pin(outletB))),
          Clock.systemUTC());
  private final ExecutorService verifiers = Executors.newFixedThreadPool(4);
  private final List<NewClosing> stored = new ArrayList<>();
  private final List<String> quarantined = new ArrayList<>();

  @AfterEach
  void stop() {
    verifiers.shutdownNow();
  }

  @Test
  void ingest_mixedBatchOnFourThreads_keepsTheBatchOrderAndRefusesWhatFails() throws Exception {
    byte[] tampered = seal(outletB, 2);
    tampered[tampered.length / 2] ^= 1;
    List<IncomingMessage> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(delivered(seal(outletA, i + 1), "outlet-a"));
    }
    batch.add(3, delivered(tampered, "outlet-b"));
    batch.add(1, delivered(seal(outletB, 1), "outlet-a"));
    batch.add(new IncomingMessage(new byte[] {1}, false, "outlet-a", "outlet-a", "closing", "x"));

    List<Handled> handled = ingest(batch);

    assertThat(handled)
        .extracting(Handled::outcome)
        .containsExactly(
            Handled.Outcome.STORED,
            Handled.Outcome.QUARANTINED,
            Handled.Outcome.STORED,
            Handled.Outcome.STORED,
            Handled.Outcome.QUARANTINED,
            Handled.Outcome.STORED,
            Handled.Outcome.STORED,
            Handled.Outcome.STORED,
            Handled.Outcome.QUARANTINED);
    assertThat(quarantined).containsExactly("SENDER_MISMATCH", "DIGEST_MISMATCH", "MALFORMED");
    assertThat(stored).extracting(NewClosing::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void ingest_storesTheFirstClosingsBeforeTheLastIsVerified() throws Exception {
    // The third message's verification is held until the store has the first two: were the
    // store handed the batch only once all of it is verified, the hold would time out.
    CountDownLatch firstTwoStored = new CountDownLatch(2);
    AtomicBoolean heldUntilStored = new AtomicBoolean();
    AtomicInteger submitted = new AtomicInteger();
    Executor holdingTheThird =
        task ->
            verifiers.execute(
                submitted.getAndIncrement() != 2
                    ? task
                    : () -> {
                      try {
                        heldUntilStored.set(firstTwoStored.await(10, TimeUnit.SECONDS));
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      task.run();
                    });
    List<String> lockedOutlets = new ArrayList<>();
    ClosingStore store =
        new ClosingStore() {
          @Override
          public List<StoreOutcome> store(
              Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt) {
            lockedOutlets.addAll(outlets);
            List<StoreOutcome> outcomes = new ArrayList<>();
            closings.forEachRemaining(
                c -> {
                  stored.add(c);
                  firstTwoStored.countDown();
                  outcomes.add(StoreOutcome.stored(c.messageId()));
                });
            return outcomes;
          }

          @Override
          public void check() {}
        };
    List<IncomingMessage> batch =
        List.of(
            delivered(seal(outletA, 1), "outlet-a"),
            delivered(seal(outletB, 1), "outlet-b"),
            delivered(seal(outletA, 2), "outlet-a"));

    List<Handled> handled =
        new ClosingIngest(MessageKeys.of(hqMessages), store, Clock.systemUTC(), holdingTheThird)
            .ingest(batch, (message, reason, detail) -> quarantined.add(reason));

    assertThat(heldUntilStored).isTrue();
    assertThat(handled).extracting(Handled::outcome).containsOnly(Handled.Outcome.STORED);
    assertThat(stored)
        .extracting(NewClosing::outletId)
        .containsExactly("outlet-a", "outlet-b", "outlet-a");
    assertThat(lockedOutlets).containsExactlyInAnyOrder("outlet-a", "outlet-b");
  }

  @Test
  void ingest_storeDown_throwsAfterVerifyingAndStoresNothing() throws Exception {
    ClosingStore down =
        new ClosingStore() {
          @Override
          public List<StoreOutcome> store(
              Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt)
              throws HqException {
            throw new HqException(HqException.Reason.STORAGE, "database down");
          }

          @Override
          public void check() throws HqException {
            throw new HqException(HqException.Reason.STORAGE, "database down");
          }
        };
    ClosingIngest ingest =
        new ClosingIngest(MessageKeys.of(hqMessages), down, Clock.systemUTC(), verifiers);

    assertThatThrownBy(
            () -> ingest.ingest(List.of(delivered(seal(outletA, 1), "outlet-a")), (m, r, d) -> {}))
        .isInstanceOf(HqException.class);
  }

  private List<Handled> ingest(List<IncomingMessage> batch) throws HqException {
    ClosingStore store =
        new ClosingStore() {
          @Override
          public List<StoreOutcome> store(
              Collection<String> outlets, Iterator<NewClosing> closings, Instant receivedAt) {
            List<StoreOutcome> outcomes = new ArrayList<>();
            closings.forEachRemaining(
                c -> {
                  stored.add(c);
                  outcomes.add(StoreOutcome.stored(c.messageId()));
                });
            return outcomes;
          }

          @Override
          public void check() {}
        };
    return new ClosingIngest(MessageKeys.of(hqMessages), store, Clock.systemUTC(), verifiers)
        .ingest(batch, (message, reason, detail) -> quarantined.add(reason));
  }

  private byte[] seal(Identity outlet, long sequence) throws Exception {
    SecureMessages messages =
        new SecureMessages(
            outlet, TrustStore.of(List.of(TestIdentities.pin(hq))), Clock.systemUTC());
    List<ClosingLine> lines = List.of(new ClosingLine("COF-1", "Espresso", 40, 250, 10_000));
    return messages.sealClosing(
        new Closing(
            UUID.randomUUID(),
            outlet.id(),
            hq.id(),
            Instant.now(),
            DAY.plusDays(sequence),
            sequence,
            sequence > 1 ? "ab".repeat(32) : null,
            null,
            Currency.getInstance("EUR"),
            lines,
            10_000));
  }

  private static IncomingMessage delivered(byte[] body, String validatedUser) {
    return new IncomingMessage(body, true, validatedUser, validatedUser, "closing", null);
  }
}
