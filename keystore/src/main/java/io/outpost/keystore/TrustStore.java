package io.outpost.keystore;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The peer certificates we pinned, like a keyset: each peer has one or more certificates, each
 * active or revoked. Every pinned certificate verifies; the newest usable one encrypts.
 *
 * <p>Immutable; {@link TrustDirectory} reads and writes it on disk.
 */
public final class TrustStore {

  private final List<PinnedCertificate> pins;

  private TrustStore(List<PinnedCertificate> pins) {
    this.pins = List.copyOf(pins);
  }

  public static TrustStore of(Collection<PinnedCertificate> pins) {
    return new TrustStore(List.copyOf(pins));
  }

  public static TrustStore empty() {
    return new TrustStore(List.of());
  }

  public List<PinnedCertificate> all() {
    return pins;
  }

  public List<PinnedCertificate> pinned(String peerId) {
    return pins.stream().filter(p -> p.peerId().equals(peerId)).toList();
  }

  public boolean knows(String peerId) {
    return pins.stream().anyMatch(p -> p.peerId().equals(peerId));
  }

  /** The pin of this exact certificate, revoked or not. */
  public Optional<PinnedCertificate> find(X509Certificate certificate) {
    String fingerprint = Certificates.fingerprint(certificate);
    return pins.stream().filter(p -> p.fingerprint().equals(fingerprint)).findFirst();
  }

  /** The certificate to encrypt for: the usable one with the latest notBefore (rotation). */
  public Optional<X509Certificate> encryptionCertificate(String peerId, Instant at) {
    return pinned(peerId).stream()
        .filter(p -> p.usableAt(at))
        .map(PinnedCertificate::certificate)
        .max(Comparator.comparing(X509Certificate::getNotBefore));
  }

  public TrustStore with(PinnedCertificate pin) {
    List<PinnedCertificate> next = new java.util.ArrayList<>(pins);
    next.removeIf(p -> p.fingerprint().equals(pin.fingerprint()));
    next.add(pin);
    return new TrustStore(next);
  }
}
