package io.outpost.message.fuzz;

import static io.outpost.message.fuzz.FuzzParties.AT_HQ;
import static io.outpost.message.fuzz.FuzzParties.AT_OTHER_OUTLET;
import static io.outpost.message.fuzz.FuzzParties.AT_OUTLET;
import static io.outpost.message.fuzz.FuzzParties.CLOCK;

import io.outpost.message.SecureMessageException;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.KeyAnnouncement;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuDraft;
import io.outpost.message.payload.MenuItem;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.Payload;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The payloads the fuzz parties really signed, and the messages they made of them.
 *
 * <p>The fuzzer cannot sign, so whatever it hands to {@code open} may verify only if it carries one
 * of these payloads, signed by the party that signed it here, and only where {@code open} was told
 * to expect it. {@link #require} turns any other accepted message into a finding.
 */
final class Genuine {

  private static final PayloadCodec CODEC = new PayloadCodec();
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final LocalDate DAY = LocalDate.parse("2026-05-31");
  private static final Instant CLOSED_AT = Instant.parse("2026-05-31T21:30:00Z");

  static final Closing CLOSING =
      closing("outlet-001", 1, null, "3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37");
  static final Closing NEXT_CLOSING =
      closing("outlet-001", 2, sha256Hex(json(CLOSING)), "9b2e4f61-0c3a-4d7e-8f15-6a9c0b3d2e84");
  static final Closing OTHER_OUTLETS_CLOSING =
      closing("outlet-002", 1, null, "1e3a5c7e-9b2d-4f6a-8c0e-2a4c6e8a0b1d");

  static final Receipt RECEIPT =
      receipt("c4e8a2f6-1b3d-4f5a-8c7e-9d0b2a4c6e8f", "outlet-001", CLOSING, NEXT_CLOSING);
  static final Receipt OTHER_OUTLETS_RECEIPT =
      receipt("5d7f9b1c-3e5a-4c7e-9a1b-3c5e7a9b1d3f", "outlet-002", OTHER_OUTLETS_CLOSING);

  static final Menu MENU =
      new MenuDraft(
              7,
              DAY.plusDays(1),
              EUR,
              List.of(
                  new MenuItem("BRG-CLASSIC", "Classic burger", 890),
                  new MenuItem("DSR-CREME-BRULEE", "Crème brûlée", 450)))
          .toMenu(UUID.fromString("6a1d9e4c-2b7f-4c3a-9d8e-1f5b7a2c4e6d"), "hq", CLOSED_AT);

  static final MenuRequest MENU_REQUEST =
      new MenuRequest(
          UUID.fromString("0d7f3b2a-5c1e-4a9b-8e6d-4f2a1c3b5d7e"),
          "outlet-001",
          "hq",
          CLOSED_AT,
          6);

  /** The outlet announcing its current certificate to HQ; the codec parses the certificate. */
  static final KeyAnnouncement KEY_ANNOUNCEMENT =
      KeyAnnouncement.of(
          UUID.fromString("7c9e1a3b-5d7f-4b9d-8e1a-3c5e7f9b1d3a"),
          "outlet-001",
          "hq",
          CLOSED_AT,
          FuzzParties.OUTLET.certificate());

  /** Per signer, the SHA-256 of each payload it signed. */
  private static final Map<String, Set<String>> SIGNED =
      Map.of(
          "outlet-001",
          Set.of(
              digest(CLOSING),
              digest(NEXT_CLOSING),
              digest(MENU_REQUEST),
              digest(KEY_ANNOUNCEMENT)),
          "outlet-002",
          Set.of(digest(OTHER_OUTLETS_CLOSING)),
          "hq",
          Set.of(digest(RECEIPT), digest(OTHER_OUTLETS_RECEIPT), digest(MENU)));

  private Genuine() {}

  static byte[] json(Payload payload) {
    return CODEC.encode(payload);
  }

  /** A closing sealed for HQ by the outlet that wrote it, through the production facade. */
  static byte[] sealed(Closing closing) {
    try {
      return (closing.from().equals("outlet-001") ? AT_OUTLET : AT_OTHER_OUTLET)
          .sealClosing(closing);
    } catch (SecureMessageException e) {
      throw new IllegalStateException("the fuzz parties cannot seal a closing", e);
    }
  }

  /** A receipt or menu signed by HQ through the production facade. */
  static byte[] signedByHq(Payload payload) {
    try {
      return AT_HQ.sign(payload);
    } catch (SecureMessageException e) {
      throw new IllegalStateException("HQ cannot sign a " + payload.schema(), e);
    }
  }

  /**
   * Fails unless the verified message carries a payload its signer really signed, of the type
   * {@code open} was asked for, from the signer and to {@code recipient}, decoded as exactly those
   * bytes, with a content digest that is theirs.
   */
  static void require(Verified<?> verified, Class<? extends Payload> type, String recipient) {
    String digest = sha256Hex(verified.payloadBytes());
    if (!SIGNED.getOrDefault(verified.signerId(), Set.of()).contains(digest)) {
      throw new AssertionError(
          "accepted a payload that '" + verified.signerId() + "' never signed: " + verified);
    }
    Payload payload = verified.payload();
    if (!type.isInstance(payload)) {
      throw new AssertionError("accepted " + verified + " as a " + type.getSimpleName());
    }
    if (!payload.from().equals(verified.signerId())) {
      throw new AssertionError("accepted " + verified + " claiming to be from " + payload.from());
    }
    if (!payload.to().equals(recipient)) {
      throw new AssertionError(
          "accepted " + verified + " addressed to " + payload.to() + " instead of " + recipient);
    }
    if (!verified.contentDigest().equals(digest)) {
      throw new AssertionError("the content digest is not that of the payload: " + verified);
    }
    Payload decoded;
    try {
      decoded = CODEC.decodeAny(verified.payloadBytes());
    } catch (PayloadException e) {
      throw new AssertionError("the verified payload bytes do not decode: " + verified, e);
    }
    if (!decoded.equals(payload)) {
      throw new AssertionError("the payload is not the one its bytes encode: " + verified);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String digest(Payload payload) {
    return sha256Hex(json(payload));
  }

  private static Closing closing(String outlet, long sequence, String previous, String id) {
    SalesDay day =
        new SalesDay(
            DAY,
            EUR,
            List.of(
                new SalesLine("BRG-CLASSIC", "Classic burger", 41, 890),
                new SalesLine("COF-CAFE-AU-LAIT", "Café au lait", 23, 310)));
    return day.toClosing(UUID.fromString(id), outlet, "hq", CLOSED_AT, sequence, previous, null);
  }

  private static Receipt receipt(String id, String outlet, Closing... closings) {
    List<ReceiptEntry> entries =
        Stream.of(closings)
            .map(
                c ->
                    new ReceiptEntry(
                        c.messageId(),
                        digest(c),
                        c.businessDate(),
                        c.sequence(),
                        ReceiptEntry.Outcome.STORED,
                        null))
            .toList();
    return new Receipt(UUID.fromString(id), "hq", outlet, CLOCK.instant(), entries);
  }
}
