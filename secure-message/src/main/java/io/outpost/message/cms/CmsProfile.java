package io.outpost.message.cms;

import java.security.Provider;
import java.security.Security;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Outpost's CMS profile, the one that interoperates with OpenSSL 3.0: RSASSA-PSS (SHA-256,
 * MGF1-SHA-256, salt 32), RSAES-OAEP (SHA-256, MGF1-SHA-256), AES-256-GCM (96-bit nonce, 128-bit
 * tag), and the JDK providers that run each primitive.
 *
 * <p>Providers are named per operation rather than found by provider order: Bouncy Castle's AES-GCM
 * is pure Java and some fifty times slower than SunJCE's, and the JDK's default OAEP transformation
 * silently uses MGF1-SHA-1.
 */
final class CmsProfile {

  static final ASN1ObjectIdentifier DATA = CMSObjectIdentifiers.data;
  static final ASN1ObjectIdentifier SIGNED_DATA = CMSObjectIdentifiers.signedData;

  /** id-ct-authEnvelopedData, 1.2.840.113549.1.9.16.1.23. */
  static final ASN1ObjectIdentifier AUTH_ENVELOPED_DATA = CMSObjectIdentifiers.authEnvelopedData;

  /** SHA-256 with absent parameters, as OpenSSL writes it inside PSS and OAEP parameters. */
  static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

  static final AlgorithmIdentifier MGF1_SHA256 =
      new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, SHA256);

  static final int PSS_SALT_BYTES = 32;

  static final PSSParameterSpec PSS_SPEC =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSS_SALT_BYTES, 1);

  static final AlgorithmIdentifier PSS =
      new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSASSA_PSS,
          new RSASSAPSSparams(
              SHA256, MGF1_SHA256, new ASN1Integer(PSS_SALT_BYTES), new ASN1Integer(1)));

  static final OAEPParameterSpec OAEP_SPEC =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  static final AlgorithmIdentifier OAEP =
      new AlgorithmIdentifier(
          PKCSObjectIdentifiers.id_RSAES_OAEP,
          new RSAESOAEPparams(SHA256, MGF1_SHA256, RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));

  static final ASN1ObjectIdentifier AES256_GCM = NISTObjectIdentifiers.id_aes256_GCM;
  static final int AES_KEY_BYTES = 32;
  static final int GCM_NONCE_BYTES = 12;
  static final int GCM_TAG_BYTES = 16;

  static final String RSA_PSS = "RSASSA-PSS";
  static final String RSA_OAEP = "RSA/ECB/OAEPPadding";
  static final String AES_GCM = "AES/GCM/NoPadding";

  /** SHA-256 digests. */
  static final Provider SUN = jdkProvider("SUN");

  /** RSASSA-PSS signatures. */
  static final Provider SUN_RSA_SIGN = jdkProvider("SunRsaSign");

  /** AES-GCM (AES-NI through intrinsics) and RSA-OAEP. */
  static final Provider SUN_JCE = jdkProvider("SunJCE");

  private CmsProfile() {}

  /**
   * The PSS parameters of a signature algorithm identifier, provided it is RSASSA-PSS with SHA-256
   * and MGF1-SHA-256. The salt length is taken as declared: it does not weaken the signature, and
   * OpenSSL's default (the maximum) differs from ours.
   */
  static PSSParameterSpec pssSpec(AlgorithmIdentifier algorithm) {
    if (!PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm.getAlgorithm())) {
      throw new IllegalArgumentException(
          "signature algorithm " + algorithm.getAlgorithm() + " is not RSASSA-PSS");
    }
    RSASSAPSSparams params = RSASSAPSSparams.getInstance(algorithm.getParameters());
    if (!isMgf1Sha256(params.getHashAlgorithm(), params.getMaskGenAlgorithm())
        || params.getTrailerField().intValueExact() != 1) {
      throw new IllegalArgumentException("RSASSA-PSS parameters are not SHA-256 with MGF1-SHA-256");
    }
    int salt = params.getSaltLength().intValueExact();
    if (salt < 0) {
      throw new IllegalArgumentException("RSASSA-PSS salt length is negative");
    }
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1);
  }

  /** Refuses a key transport algorithm other than RSAES-OAEP with SHA-256 and MGF1-SHA-256. */
  static void requireOaep(AlgorithmIdentifier algorithm) {
    if (!PKCSObjectIdentifiers.id_RSAES_OAEP.equals(algorithm.getAlgorithm())) {
      throw new IllegalArgumentException(
          "key transport algorithm " + algorithm.getAlgorithm() + " is not RSAES-OAEP");
    }
    RSAESOAEPparams params = RSAESOAEPparams.getInstance(algorithm.getParameters());
    if (!isMgf1Sha256(params.getHashAlgorithm(), params.getMaskGenAlgorithm())
        || !PKCSObjectIdentifiers.id_pSpecified.equals(params.getPSourceAlgorithm().getAlgorithm())
        || !isEmptyLabel(params.getPSourceAlgorithm())) {
      throw new IllegalArgumentException(
          "RSAES-OAEP parameters are not SHA-256 with MGF1-SHA-256 and an empty label");
    }
  }

  /** The nonce of an AES-256-GCM algorithm identifier with a 96-bit nonce and a 128-bit tag. */
  static byte[] gcmNonce(AlgorithmIdentifier algorithm) {
    if (!AES256_GCM.equals(algorithm.getAlgorithm())) {
      throw new IllegalArgumentException(
          "content encryption algorithm " + algorithm.getAlgorithm() + " is not AES-256-GCM");
    }
    GCMParameters params = GCMParameters.getInstance(algorithm.getParameters());
    if (params.getIcvLen() != GCM_TAG_BYTES || params.getNonce().length != GCM_NONCE_BYTES) {
      throw new IllegalArgumentException(
          "AES-GCM parameters must be a 12-byte nonce and a 16-byte tag, found "
              + params.getNonce().length
              + " and "
              + params.getIcvLen());
    }
    return params.getNonce();
  }

  private static boolean isMgf1Sha256(AlgorithmIdentifier hash, AlgorithmIdentifier mgf) {
    return NISTObjectIdentifiers.id_sha256.equals(hash.getAlgorithm())
        && PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
        && NISTObjectIdentifiers.id_sha256.equals(
            AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm());
  }

  private static boolean isEmptyLabel(AlgorithmIdentifier pSource) {
    return ASN1OctetString.getInstance(pSource.getParameters()).getOctets().length == 0;
  }

  private static Provider jdkProvider(String name) {
    Provider provider = Security.getProvider(name);
    if (provider == null) {
      throw new IllegalStateException(
          "the JDK provider " + name + " is missing; Outpost needs a standard Java 17 runtime");
    }
    return provider;
  }
}
