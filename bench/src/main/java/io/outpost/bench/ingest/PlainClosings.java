package io.outpost.bench.ingest;

import io.outpost.hq.core.MessageKeys;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ingest baseline with sealing switched off: closings arrive as their plain JSON and are only
 * decoded (the JSON is its own evidence), while receipts are signed as HQ signs them. Everything
 * else (broker, batches, store, receipts) is HQ's own code; never for anything but the benchmark.
 */
final class PlainClosings implements MessageKeys {

  private final SecureMessages signer;
  private final PayloadCodec codec = new PayloadCodec();

  PlainClosings(SecureMessages signer) {
    this.signer = signer;
  }

  @Override
  public SecureMessages current() {
    return signer;
  }

  @Override
  public Verified<Closing> openClosing(byte[] json) throws SecureMessageException {
    Closing closing;
    try {
      closing = codec.decode(json, Closing.class);
    } catch (PayloadException e) {
      throw new SecureMessageException(
          SecureMessageException.Reason.INVALID_PAYLOAD, e.getMessage(), e);
    }
    return new Verified<>(closing, closing.from(), json, sha256Hex(json), json);
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
