package io.outpost.keystore;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Our own party: its id (the certificate's CN), certificate and private key.
 *
 * <p>The private key never appears in {@link #toString()}; load one from disk with {@link
 * KeyFiles}.
 */
public final class Identity {

  private final String id;
  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private Identity(String id, X509Certificate certificate, PrivateKey privateKey) {
    this.id = id;
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /** Binds a key to its certificate; refuses a key that does not belong to the certificate. */
  public static Identity create(X509Certificate certificate, PrivateKey privateKey)
      throws KeystoreException {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!KeyPairs.matches(certificate.getPublicKey(), privateKey)) {
      throw new KeystoreException(
          KeystoreException.Reason.CORRUPT_FILE,
          "the private key does not belong to certificate "
              + certificate.getSubjectX500Principal()
              + "; restore the matching private.pem or run 'keystore init' in a new directory");
    }
    return new Identity(Certificates.commonName(certificate), certificate, privateKey);
  }

  public String id() {
    return id;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public String fingerprint() {
    return Certificates.fingerprint(certificate);
  }

  @Override
  public String toString() {
    return "Identity[" + id + ", sha256=" + fingerprint() + "]";
  }
}
