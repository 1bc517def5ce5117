package io.outpost.bench.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The RSA-3072 operations underneath every message, with the JDK providers and the parameters of
 * Outpost's profile: the OAEP unwrap of a content key (HQ's one private-key operation per closing,
 * and so the ceiling of ingest), a PSS signature and a PSS verification over signed attributes.
 */
public class RsaBench {

  /** What CMS signs: the DER of the signed attributes, a couple of hundred bytes. */
  static final int SIGNED_ATTRIBUTES_BYTES = 200;

  static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  static final PSSParameterSpec PSS =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  /** The keys, a wrapped 32-byte content key and a signature to verify. */
  @State(Scope.Benchmark)
  public static class Keys {
    PrivateKey hqPrivate;
    PrivateKey outletPrivate;
    PublicKey outletPublic;
    byte[] wrappedKey;
    byte[] contentKey;
    byte[] attributes;
    byte[] signature;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      SecureRandom random = new SecureRandom();
      hqPrivate = Fixtures.hq().privateKey();
      outletPrivate = Fixtures.outlet().privateKey();
      outletPublic = Fixtures.outlet().certificate().getPublicKey();
      contentKey = new byte[32];
      random.nextBytes(contentKey);
      Cipher wrap = oaep();
      wrap.init(Cipher.ENCRYPT_MODE, Fixtures.hq().certificate().getPublicKey(), OAEP, random);
      wrappedKey = wrap.doFinal(contentKey);
      attributes = new byte[SIGNED_ATTRIBUTES_BYTES];
      random.nextBytes(attributes);
      Signature signer = pss();
      signer.initSign(outletPrivate);
      signer.update(attributes);
      signature = signer.sign();
      Engines check = new Engines();
      check.setUp();
      if (!Arrays.equals(unwrap(check, this), contentKey) || !verify(check, this)) {
        throw new IllegalStateException("RSA round trip failed");
      }
    }
  }

  /** One cipher and one signature engine per thread: the JCA engines are not thread-safe. */
  @State(Scope.Thread)
  public static class Engines {
    Cipher oaep;
    Signature pss;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      oaep = oaep();
      pss = pss();
    }
  }

  @Benchmark
  public byte[] rsaOaepUnwrap(Engines e, Keys k) throws GeneralSecurityException {
    return unwrap(e, k);
  }

  @Benchmark
  public byte[] rsaPssSign(Engines e, Keys k) throws GeneralSecurityException {
    e.pss.initSign(k.outletPrivate);
    e.pss.update(k.attributes);
    return e.pss.sign();
  }

  @Benchmark
  public boolean rsaPssVerify(Engines e, Keys k) throws GeneralSecurityException {
    return verify(e, k);
  }

  static byte[] unwrap(Engines e, Keys k) throws GeneralSecurityException {
    e.oaep.init(Cipher.DECRYPT_MODE, k.hqPrivate, OAEP);
    return e.oaep.doFinal(k.wrappedKey);
  }

  static boolean verify(Engines e, Keys k) throws GeneralSecurityException {
    e.pss.initVerify(k.outletPublic);
    e.pss.update(k.attributes);
    return e.pss.verify(k.signature);
  }

  static Cipher oaep() throws GeneralSecurityException {
    return Cipher.getInstance("RSA/ECB/OAEPPadding", "SunJCE");
  }

  static Signature pss() throws GeneralSecurityException {
    Signature signature = Signature.getInstance("RSASSA-PSS", "SunRsaSign");
    signature.setParameter(PSS);
    return signature;
  }
}
