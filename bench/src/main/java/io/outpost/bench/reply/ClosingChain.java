package io.outpost.bench.reply;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.SalesDay;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;

/**
 * An outlet's chain of closings as its closing desk makes them: the example day of sales on the
 * next business day, the next sequence number and the previous closing's digest, sealed for HQ.
 */
final class ClosingChain {

  private final SecureMessages outlet;
  private final String hqId;
  private final SalesDay sales;
  private final Clock clock;
  private final PayloadCodec codec = new PayloadCodec();
  private long sequence;
  private String previous;

  ClosingChain(SecureMessages outlet, String hqId, SalesDay sales, Clock clock) {
    this.outlet = outlet;
    this.hqId = hqId;
    this.sales = sales;
    this.clock = clock;
  }

  /** Seals the next closing of the chain. */
  Sealed next() throws SecureMessageException {
    SalesDay day =
        new SalesDay(sales.businessDate().plusDays(sequence), sales.currency(), sales.lines());
    Closing closing =
        day.toClosing(
            UUID.randomUUID(), outlet.selfId(), hqId, clock.instant(), ++sequence, previous, null);
    byte[] sealed = outlet.sealClosing(closing);
    previous = sha256Hex(codec.encode(closing));
    return new Sealed(closing.messageId(), sealed);
  }

  /** A sealed closing and its message id. */
  record Sealed(UUID messageId, byte[] body) {}

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
