package io.outpost.reliability;

import io.outpost.keystore.Identity;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.ClosingLine;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * The hostile messages of scenario 6, each sent straight to the closings queue with a valid outlet
 * login, and the reason HQ must quarantine it for.
 */
final class Hostile {

  /** How the message travels. */
  enum Kind {
    BYTES,
    TEXT
  }

  /**
   * One hostile message.
   *
   * @param tag what the message claims as its sender ({@code outpostFrom}), unique per case, so
   *     that its quarantine record can be found
   * @param login the broker login that sends it
   * @param reason the reason code HQ must quarantine it with
   */
  record Case(String tag, String what, String login, Kind kind, byte[] body, String reason) {}

  /** The parties: HQ, an outlet that turns hostile, and identities HQ must refuse. */
  record Parties(
      Identity hq,
      Identity mallory,
      Identity stranger,
      Identity revoked,
      Identity expired,
      Identity impostor) {}

  private Hostile() {}

  /**
   * Every case; {@code captured} is a genuine sealed closing of {@code victim}, which the hostile
   * outlet replays under its own login.
   */
  static List<Case> cases(Parties p, String victim, byte[] captured) {
    List<Case> cases = new ArrayList<>();
    String mallory = p.mallory().id();
    byte[] genuine = Forge.seal(p.mallory(), closing(mallory, "hq"), hq(p), own(p));
    byte[] envelope = Forge.envelopeOf(genuine);

    add(cases, "replay of " + victim + "'s captured closing", mallory, captured, "SENDER_MISMATCH");
    add(
        cases,
        "closing of an outlet HQ does not know",
        p.stranger().id(),
        Forge.seal(
            p.stranger(), closing(p.stranger().id(), "hq"), hq(p), p.stranger().certificate()),
        "UNKNOWN_SENDER");
    add(
        cases,
        "closing of a revoked outlet",
        p.revoked().id(),
        Forge.seal(p.revoked(), closing(p.revoked().id(), "hq"), hq(p), p.revoked().certificate()),
        "REVOKED");
    add(
        cases,
        "closing under an expired certificate",
        p.expired().id(),
        Forge.seal(p.expired(), closing(p.expired().id(), "hq"), hq(p), p.expired().certificate()),
        "EXPIRED");
    add(
        cases,
        "an outlet signing a closing that names " + victim,
        mallory,
        Forge.seal(p.mallory(), closing(victim, "hq"), hq(p), own(p)),
        "SENDER_MISMATCH");
    add(
        cases,
        "a key of its own with " + victim + "'s name",
        mallory,
        Forge.seal(p.impostor(), closing(victim, "hq"), hq(p), p.impostor().certificate()),
        "UNKNOWN_SENDER");
    add(
        cases,
        "outer signature changed",
        mallory,
        Forge.flipWithin(genuine, Forge.signatureOf(genuine)),
        "BAD_SIGNATURE");
    add(
        cases,
        "envelope changed under the outer signature",
        mallory,
        Forge.flipWithin(genuine, Forge.ciphertextOf(envelope)),
        "DIGEST_MISMATCH");
    add(
        cases,
        "ciphertext changed, outer layer re-signed",
        mallory,
        Forge.outer(p.mallory(), Forge.flipWithin(envelope, Forge.ciphertextOf(envelope))),
        "DECRYPT_FAILED");
    add(
        cases,
        "GCM tag changed, outer layer re-signed",
        mallory,
        Forge.outer(p.mallory(), Forge.flipWithin(envelope, Forge.tagOf(envelope))),
        "DECRYPT_FAILED");
    add(
        cases,
        "HQ's wrapped key changed, outer layer re-signed",
        mallory,
        Forge.outer(
            p.mallory(),
            Forge.flipWithin(envelope, Forge.wrappedKeyOf(envelope, p.hq().certificate()))),
        "DECRYPT_FAILED");
    add(
        cases,
        "envelope not encrypted for HQ",
        mallory,
        Forge.outer(
            p.mallory(), Forge.envelope(Forge.inner(p.mallory(), closing(mallory, "hq")), own(p))),
        "NOT_FOR_US");
    byte[] inner = Forge.inner(p.mallory(), closing(mallory, "hq"));
    add(
        cases,
        "inner signature changed, envelope and outer layer rebuilt",
        mallory,
        Forge.outer(
            p.mallory(),
            Forge.envelope(Forge.flipWithin(inner, Forge.signatureOf(inner)), hq(p), own(p))),
        "BAD_SIGNATURE");
    byte[] payload = closing(mallory, "hq");
    byte[] signedPayload = Forge.inner(p.mallory(), payload);
    add(
        cases,
        "sales changed under the inner signature, envelope and outer layer rebuilt",
        mallory,
        Forge.outer(
            p.mallory(), Forge.envelope(Forge.flipWithin(signedPayload, payload), hq(p), own(p))),
        "DIGEST_MISMATCH");
    add(
        cases,
        "inner layer signed by another party",
        mallory,
        Forge.outer(
            p.mallory(),
            Forge.envelope(Forge.inner(p.stranger(), closing(mallory, "hq")), hq(p), own(p))),
        "UNKNOWN_SENDER");
    add(
        cases,
        "closing addressed to another HQ",
        mallory,
        Forge.seal(p.mallory(), closing(mallory, "hq-elsewhere"), hq(p), own(p)),
        "NOT_FOR_US");
    add(
        cases,
        "signed payload that is not JSON",
        mallory,
        Forge.seal(
            p.mallory(), "{\"schema\": not json".getBytes(StandardCharsets.UTF_8), hq(p), own(p)),
        "INVALID_PAYLOAD");
    add(
        cases,
        "signed closing without its total",
        mallory,
        Forge.seal(
            p.mallory(),
            new String(closing(mallory, "hq"), StandardCharsets.UTF_8)
                .replaceFirst(",?\"total\":[0-9]+", "")
                .getBytes(StandardCharsets.UTF_8),
            hq(p),
            own(p)),
        "INVALID_PAYLOAD");
    add(
        cases,
        "signed menu request sealed as a closing",
        mallory,
        Forge.seal(
            p.mallory(),
            new PayloadCodec()
                .encode(new MenuRequest(UUID.randomUUID(), mallory, "hq", Instant.now(), 0)),
            hq(p),
            own(p)),
        "WRONG_TYPE");
    add(
        cases,
        "signed menu request (one SignedData) as a closing",
        mallory,
        Forge.inner(
            p.mallory(),
            new PayloadCodec()
                .encode(new MenuRequest(UUID.randomUUID(), mallory, "hq", Instant.now(), 0))),
        "WRONG_TYPE");
    add(cases, "truncated closing", mallory, Forge.truncated(genuine), "MALFORMED");
    add(cases, "5 MiB body", mallory, random(5 * 1024 * 1024), "TOO_LARGE");
    add(cases, "2 KiB of random bytes", mallory, random(2048), "MALFORMED");
    add(cases, "empty body", mallory, new byte[0], "MALFORMED");
    cases.add(
        new Case(
            tag(cases),
            "text message",
            mallory,
            Kind.TEXT,
            "not a closing".getBytes(StandardCharsets.UTF_8),
            "MALFORMED"));
    return cases;
  }

  /** A valid closing payload (JSON) from {@code from} to {@code to}. */
  static byte[] closing(String from, String to) {
    List<ClosingLine> lines =
        List.of(
            new ClosingLine("BRG-CLASSIC", "Classic burger", 4, 890, 3_560),
            new ClosingLine("FRIES-L", "Large fries", 6, 390, 2_340));
    return new PayloadCodec()
        .encode(
            new Closing(
                UUID.randomUUID(),
                from,
                to,
                Instant.now(),
                LocalDate.of(2025, 3, 1),
                1,
                null,
                null,
                Currency.getInstance("EUR"),
                lines,
                5_900));
  }

  private static X509Certificate hq(Parties p) {
    return p.hq().certificate();
  }

  private static X509Certificate own(Parties p) {
    return p.mallory().certificate();
  }

  private static void add(List<Case> cases, String what, String login, byte[] body, String reason) {
    cases.add(new Case(tag(cases), what, login, Kind.BYTES, body, reason));
  }

  private static String tag(List<Case> cases) {
    return String.format("hostile-%02d", cases.size() + 1);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
