package io.outpost.keystore;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A peer certificate pinned after its fingerprint was compared out of band.
 *
 * <p>A revoked pin is kept so that the peer is recognised and refused, rather than treated as
 * unknown.
 */
public record PinnedCertificate(String peerId, X509Certificate certificate, boolean revoked) {

  public PinnedCertificate {
    Objects.requireNonNull(peerId, "peerId");
    Objects.requireNonNull(certificate, "certificate");
  }

  public String fingerprint() {
    return Certificates.fingerprint(certificate);
  }

  /** True when the certificate is not revoked and {@code at} lies inside its validity period. */
  public boolean usableAt(Instant at) {
    return !revoked && Certificates.isValidAt(certificate, at);
  }

  public PinnedCertificate revoke() {
    return new PinnedCertificate(peerId, certificate, true);
  }
}
