package io.outpost.hq.keys;

import io.outpost.hq.core.AnnouncedKeys;
import io.outpost.hq.core.HqException;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import io.outpost.message.Verified;
import io.outpost.message.payload.KeyAnnouncement;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps announced certificates under HQ's key directory ({@code announced/}, see {@link
 * PendingCertificates}), where {@code hq keys pending} lists them and {@code hq keys confirm} pins
 * them.
 */
public final class FileAnnouncedKeys implements AnnouncedKeys {

  private final Path keyDir;
  private final Supplier<TrustStore> trust;
  private final Clock clock;

  public FileAnnouncedKeys(Path keyDir, Supplier<TrustStore> trust, Clock clock) {
    this.keyDir = Objects.requireNonNull(keyDir, "keyDir");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Kept keep(Verified<KeyAnnouncement> verified) throws HqException {
    KeyAnnouncement announcement = verified.payload();
    String outlet = announcement.from();
    X509Certificate certificate = announcement.x509();
    TrustStore pins = trust.get();
    Optional<PinnedCertificate> pinned = pins.find(certificate);
    if (pinned.isPresent() && !pinned.get().revoked()) {
      return Kept.ALREADY_PINNED;
    }
    try {
      PendingCertificates.check(pins, outlet, certificate, clock.instant());
    } catch (KeystoreException e) {
      throw new HqException(HqException.Reason.VERIFICATION, e.getMessage(), e);
    }
    PinnedCertificate signer =
        PendingCertificates.signerOf(verified.evidence(), pins.pinned(outlet))
            .orElseThrow(
                () ->
                    new HqException(
                        HqException.Reason.VERIFICATION,
                        "the announcement verified but names no pinned certificate of "
                            + outlet
                            + " as its signer"));
    Pending pending =
        new Pending(
            outlet,
            certificate,
            clock.instant(),
            announcement.messageId().toString(),
            signer.fingerprint());
    try {
      return PendingCertificates.keep(keyDir, pending, verified.evidence())
          ? Kept.PENDING
          : Kept.ALREADY_PENDING;
    } catch (KeystoreException e) {
      throw new HqException(HqException.Reason.IO, e.getMessage(), e);
    }
  }
}
