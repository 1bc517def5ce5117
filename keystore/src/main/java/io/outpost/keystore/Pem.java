package io.outpost.keystore;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM text of DER structures, in the form OpenSSL writes (64-column base64, LF line ends). */
final class Pem {

  static final String CERTIFICATE = "CERTIFICATE";
  static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
  static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

  private Pem() {}

  static byte[] encode(PemObject object) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing to a StringWriter cannot fail", e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] encode(String type, byte[] der) {
    return encode(new PemObject(type, der));
  }
}
