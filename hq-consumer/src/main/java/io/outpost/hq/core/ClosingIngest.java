package io.outpost.hq.core;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ClosingLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Turns a batch of delivered closings into stored ones: verifies and decrypts each, binds the
 * broker-validated sender to the signer, quarantines what fails, and stores the rest in one
 * transaction. The caller commits the consumption after this returns, or rolls it back when it
 * throws.
 *
 * <p>The messages of a batch are verified on the {@code verifiers} executor, several at a time:
 * opening a closing costs an RSA private-key operation, which is what limits ingest. The caller's
 * thread stores the accepted ones in the batch's order, each as soon as it is verified, so that
 * writing the database overlaps with verifying; quarantine and results follow, in the same order.
 */
public final class ClosingIngest {

  private final MessageKeys keys;
  private final ClosingStore store;
  private final Clock clock;
  private final Executor verifiers;

  public ClosingIngest(SecureMessages messages, ClosingStore store, Clock clock) {
    this(MessageKeys.of(messages), store, clock);
  }

  /** Verifies one message at a time, on the caller's thread. */
  public ClosingIngest(MessageKeys keys, ClosingStore store, Clock clock) {
    this(keys, store, clock, Runnable::run);
  }

  /**
   * Opens closings with HQ's keys as they are at each message (rotation, revocation), verifying the
   * messages of a batch in parallel on {@code verifiers}.
   */
  public ClosingIngest(MessageKeys keys, ClosingStore store, Clock clock, Executor verifiers) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifiers = Objects.requireNonNull(verifiers, "verifiers");
  }

  /** How verifying one message ended: a closing to store, or a refusal for quarantine. */
  sealed interface Verdict {}

  record Accepted(NewClosing closing) implements Verdict {}

  /** A refusal; {@code messageId} and {@code sender} are known when the signature verified. */
  record Refused(String reason, String detail, String messageId, String sender) implements Verdict {

    Refused(String reason, String detail) {
      this(reason, detail, null, null);
    }
  }

  /**
   * Succeeds when the store can take a batch now.
   *
   * @throws HqException STORAGE while the database is unreachable
   */
  public void checkStore() throws HqException {
    store.check();
  }

  /**
   * Ingests one batch.
   *
   * @return what became of each message, in the batch's order
   * @throws HqException STORAGE or BROKER: a transient failure; nothing of the batch counts and the
   *     caller rolls the consumption back
   */
  public List<Handled> ingest(List<IncomingMessage> batch, Quarantine quarantine)
      throws HqException {
    List<CompletableFuture<Verdict>> verdicts = new ArrayList<>(batch.size());
    Set<String> senders = new HashSet<>();
    for (IncomingMessage message : batch) {
      verdicts.add(CompletableFuture.supplyAsync(() -> verify(message), verifiers));
      if (message.validatedUser() != null) {
        senders.add(message.validatedUser());
      }
    }
    // The store writes each accepted closing while the later ones are still being verified.
    InOrder inOrder = new InOrder(verdicts);
    List<StoreOutcome> outcomes = store.store(senders, inOrder, clock.instant());
    Handled[] results = new Handled[batch.size()];
    for (int j = 0; j < outcomes.size(); j++) {
      NewClosing closing = inOrder.accepted.get(j);
      StoreOutcome outcome = outcomes.get(j);
      results[inOrder.acceptedAt.get(j)] =
          new Handled(
              "closing",
              closing.messageId().toString(),
              closing.outletId(),
              Handled.Outcome.valueOf(outcome.kind().name()),
              outcome.reason() == null ? null : outcome.reason() + ": " + outcome.detail());
    }
    for (int i = 0; i < batch.size(); i++) {
      if (verdicts.get(i).join() instanceof Refused refused) {
        IncomingMessage message = batch.get(i);
        quarantine.quarantine(message, refused.reason(), refused.detail());
        results[i] =
            new Handled(
                "closing",
                refused.messageId(),
                refused.sender() != null ? refused.sender() : describeSender(message),
                Handled.Outcome.QUARANTINED,
                refused.reason() + ": " + refused.detail());
      }
    }
    return Arrays.asList(results);
  }

  /**
   * The accepted closings of a batch in its order, each as soon as it and those before it are
   * verified; remembers where each one stood in the batch.
   */
  private static final class InOrder implements Iterator<NewClosing> {
    private final List<CompletableFuture<Verdict>> verdicts;
    private final List<NewClosing> accepted = new ArrayList<>();
    private final List<Integer> acceptedAt = new ArrayList<>();
    private int next;
    private NewClosing ready;

    InOrder(List<CompletableFuture<Verdict>> verdicts) {
      this.verdicts = verdicts;
    }

    @Override
    public boolean hasNext() {
      while (ready == null && next < verdicts.size()) {
        int position = next++;
        if (verdict(position) instanceof Accepted a) {
          ready = a.closing();
          accepted.add(ready);
          acceptedAt.add(position);
        }
      }
      return ready != null;
    }

    @Override
    public NewClosing next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      NewClosing closing = ready;
      ready = null;
      return closing;
    }

    private Verdict verdict(int position) {
      try {
        return verdicts.get(position).join();
      } catch (CompletionException e) {
        // A bug in verification surfaces as it would on the caller's thread.
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
  }

  /** Verifies one message; no side effects, so that a batch can be verified in parallel. */
  Verdict verify(IncomingMessage message) {
    if (!message.bytesMessage()) {
      return new Refused(Refusals.MALFORMED, "not a bytes message");
    }
    Verified<Closing> verified;
    try {
      verified = keys.openClosing(message.body());
    } catch (SecureMessageException e) {
      return new Refused(e.reason().name(), Refusals.detail(e.getMessage()));
    }
    Closing closing = verified.payload();
    String unbound =
        Refusals.unbound(message.validatedUser(), verified.signerId(), closing.from(), "closing");
    if (unbound != null) {
      return new Refused(
          Refusals.SENDER_MISMATCH, unbound, closing.messageId().toString(), verified.signerId());
    }
    return new Accepted(toNewClosing(verified));
  }

  private static NewClosing toNewClosing(Verified<Closing> verified) {
    Closing c = verified.payload();
    List<NewClosing.Line> lines = new ArrayList<>(c.lines().size());
    for (ClosingLine line : c.lines()) {
      lines.add(
          new NewClosing.Line(
              line.sku(), line.name(), line.quantity(), line.unitPrice(), line.amount()));
    }
    return new NewClosing(
        c.messageId(),
        c.from(),
        c.businessDate(),
        c.sequence(),
        c.previousDigest(),
        c.amends(),
        c.currency().getCurrencyCode(),
        c.total(),
        lines,
        verified.contentDigest(),
        c.createdAt(),
        verified.evidence());
  }

  private static String describeSender(IncomingMessage message) {
    return message.claimedFrom() + " (broker user " + message.validatedUser() + ")";
  }
}
