package io.outpost.message.cms;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Signature;
import java.security.SignatureException;

/** Feeds what Bouncy Castle writes into a JDK {@link Signature}. */
final class SignatureOutputStream extends OutputStream {

  private final Signature signature;

  SignatureOutputStream(Signature signature) {
    this.signature = signature;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      signature.update((byte) b);
    } catch (SignatureException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      signature.update(b, off, len);
    } catch (SignatureException e) {
      throw new IOException(e);
    }
  }
}
