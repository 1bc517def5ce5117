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
    return next(true);
  }

  /** The next closing of the chain as its plain JSON, for baselines with sealing switched off. */
  Sealed nextPlain() throws SecureMessageException {
    return next(false);
  }

  private Sealed next(boolean seal) throws SecureMessageException {
    SalesDay day =
        new SalesDay(sales.businessDate().plusDays(sequence), sales.currency(), sales.lines());
    Closing closing =
        day.toClosing(
            UUID.randomUUID(), outlet.selfId(), hqId, clock.instant(), ++sequence, previous, null);
    byte[] json = codec.encode(closing);
    byte[] body = seal ? outlet.sealClosing(closing) : json;
    previous = sha256Hex(json);
    return new Sealed(closing.messageId(), body);
  }

  /** A closing's body, sealed or its plain JSON, and its message id. */
  record Sealed(UUID messageId, byte[] body) {}

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
