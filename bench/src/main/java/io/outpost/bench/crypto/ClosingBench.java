package io.outpost.bench.crypto;

import io.outpost.keystore.Identity;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.cms.CmsOpener;
import io.outpost.message.cms.CmsSealer;
import io.outpost.message.cms.OpenedMessage;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing and opening the example closing with RSA-3072 keys: through the {@link SecureMessages}
 * facade (JSON and binding included), through the CMS layer alone, and one SignedData on its own
 * (the inner layer, and the shape of menus and receipts).
 */
public class ClosingBench {

  /** Outlet and HQ as in production, each pinning the other, and the messages to open. */
  @State(Scope.Benchmark)
  public static class Parties {
    SecureMessages outlet;
    SecureMessages hq;
    CmsSealer sealer;
    CmsOpener opener;
    X509Certificate hqCertificate;
    Closing closing;
    byte[] json;
    byte[] sealed;
    byte[] signed;

    @Setup(Level.Trial)
    public void setUp() throws SecureMessageException {
      Identity outletIdentity = Fixtures.outlet();
      Identity hqIdentity = Fixtures.hq();
      outlet = new SecureMessages(outletIdentity, Fixtures.outletTrust(), Fixtures.CLOCK);
      hq = new SecureMessages(hqIdentity, Fixtures.hqTrust(), Fixtures.CLOCK);
      sealer = new CmsSealer(outletIdentity, Fixtures.CLOCK);
      opener =
          new CmsOpener(
              hqIdentity, Fixtures.hqTrust(), Fixtures.CLOCK, SecureMessages.MAX_MESSAGE_BYTES);
      hqCertificate = hqIdentity.certificate();
      closing = Fixtures.closing();
      json = new PayloadCodec().encode(closing);
      sealed = outlet.sealClosing(closing);
      signed = sealer.sign(json);
      // A benchmark of an operation that fails measures nothing: check each path once first.
      if (!hq.openClosing(sealed).payload().equals(closing)
          || !Arrays.equals(opener.openSealed(sealer.seal(json, hqCertificate)).payload(), json)
          || !Arrays.equals(opener.openSigned(signed).payload(), json)) {
        throw new IllegalStateException("the closing did not survive sealing and opening");
      }
    }
  }

  @Benchmark
  public byte[] sealClosing(Parties p) throws SecureMessageException {
    return p.outlet.sealClosing(p.closing);
  }

  @Benchmark
  public Verified<Closing> openClosing(Parties p) throws SecureMessageException {
    return p.hq.openClosing(p.sealed);
  }

  @Benchmark
  public byte[] cmsSeal(Parties p) {
    return p.sealer.seal(p.json, p.hqCertificate);
  }

  @Benchmark
  public OpenedMessage cmsOpenSealed(Parties p) throws SecureMessageException {
    return p.opener.openSealed(p.sealed);
  }

  @Benchmark
  public byte[] cmsSign(Parties p) {
    return p.sealer.sign(p.json);
  }

  @Benchmark
  public OpenedMessage cmsOpenSigned(Parties p) throws SecureMessageException {
    return p.opener.openSigned(p.signed);
  }
}
