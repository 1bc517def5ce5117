package io.outpost.bench.crypto;

import java.util.Locale;

/** The crypto micro-benchmarks: which JMH method measures what, and its report label. */
public enum CryptoBenchmark {
  SEAL_CLOSING(
      ClosingBench.class,
      "sealClosing",
      "seal a closing: SecureMessages.sealClosing (encode, sign, encrypt for HQ and self, sign)",
      0),
  OPEN_CLOSING(
      ClosingBench.class,
      "openClosing",
      "open a closing: SecureMessages.openClosing (verify, unwrap, decrypt, verify, decode, bind)",
      0),
  CMS_SEAL(ClosingBench.class, "cmsSeal", "CmsSealer.seal of the closing's JSON", 0),
  CMS_OPEN_SEALED(ClosingBench.class, "cmsOpenSealed", "CmsOpener.openSealed (no JSON)", 0),
  CMS_SIGN(ClosingBench.class, "cmsSign", "one SignedData over the closing: CmsSealer.sign", 0),
  CMS_OPEN_SIGNED(
      ClosingBench.class, "cmsOpenSigned", "one SignedData verified: CmsOpener.openSigned", 0),
  RSA_OAEP_UNWRAP(
      RsaBench.class,
      "rsaOaepUnwrap",
      "RSA-3072 OAEP unwrap of a content key (SunJCE): the private operation",
      0),
  RSA_PSS_SIGN(RsaBench.class, "rsaPssSign", "RSA-3072 PSS signature (SunRsaSign)", 0),
  RSA_PSS_VERIFY(RsaBench.class, "rsaPssVerify", "RSA-3072 PSS verification (SunRsaSign)", 0),
  GCM_SUNJCE(
      GcmBench.class,
      "aesGcmSunJce",
      "AES-256-GCM decrypt of 20 KiB, SunJCE",
      GcmBench.CONTENT_BYTES),
  GCM_BOUNCY_CASTLE(
      GcmBench.class,
      "aesGcmBouncyCastle",
      "AES-256-GCM decrypt of 20 KiB, Bouncy Castle provider",
      GcmBench.CONTENT_BYTES),
  ENCODE_CLOSING(CodecBench.class, "encodeClosing", "encode the closing to JSON", 0),
  DECODE_CLOSING(CodecBench.class, "decodeClosing", "decode and validate the closing's JSON", 0);

  private final Class<?> benchClass;
  private final String method;
  private final String label;
  private final long bytesPerOp;

  CryptoBenchmark(Class<?> benchClass, String method, String label, long bytesPerOp) {
    this.benchClass = benchClass;
    this.method = method;
    this.label = label;
    this.bytesPerOp = bytesPerOp;
  }

  /** The JMH benchmark name: the method's fully qualified name. */
  public String jmhName() {
    return benchClass.getName() + "." + method;
  }

  /** The short name in measurement ids and reports. */
  public String method() {
    return method;
  }

  public String label() {
    return label;
  }

  public long bytesPerOp() {
    return bytesPerOp;
  }

  /** The benchmark of this JMH name, if it is one of ours. */
  public static CryptoBenchmark ofJmhName(String name) {
    for (CryptoBenchmark b : values()) {
      if (b.jmhName().equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown benchmark " + name);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
