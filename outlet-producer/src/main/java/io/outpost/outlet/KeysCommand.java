package io.outpost.outlet;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import io.outpost.outlet.OutletException.Reason;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code outlet keys pending|confirm|reject}: HQ's next certificate, announced in a message signed
 * with HQ's current key and kept as pending by {@code menu} and {@code flush}, is pinned only by a
 * person who compared its fingerprint with HQ by phone.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "HQ's next certificate: HQ announces it signed with its current key; 'menu' and 'flush'",
      "keep it as pending; it is pinned only after you compared its fingerprint with HQ by",
      "phone ('confirm'). From then on closings are sealed for it."
    },
    subcommands = {
      KeysCommand.PendingKeys.class,
      KeysCommand.Confirm.class,
      KeysCommand.Reject.class
    })
final class KeysCommand implements Callable<Integer> {

  @ParentCommand OutletCli parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: pending, confirm or reject");
  }

  private static OutletException keys(KeystoreException e) {
    return new OutletException(Reason.KEYS, e.getMessage(), e);
  }

  /** {@code keys pending}. */
  @Command(
      name = "pending",
      mixinStandardHelpOptions = true,
      description = "Lists HQ's announced certificates that wait for confirmation.")
  static final class PendingKeys implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Override
    public Integer call() throws OutletException {
      OutletConfig config = keys.parent.wiring().config();
      PrintStream out = keys.parent.context().out();
      List<Pending> pending;
      TrustStore trust;
      try {
        pending =
            PendingCertificates.list(config.keyDir()).stream()
                .filter(p -> p.peerId().equals(config.hqId()))
                .toList();
        trust = TrustDirectory.load(config.keyDir());
      } catch (KeystoreException e) {
        throw keys(e);
      }
      if (pending.isEmpty()) {
        out.println(
            "No announced certificate of "
                + config.hqId()
                + " waits for confirmation ('outlet menu' and 'outlet flush' collect them).");
        return OutletCli.OK;
      }
      for (Pending p : pending) {
        String signedBy =
            trust.pinned(config.hqId()).stream()
                .filter(pin -> pin.fingerprint().equals(p.signedBy()))
                .findFirst()
                .map(pin -> pin.revoked() ? " (REVOKED since: reject this one)" : " (pinned)")
                .orElse(" (no longer pinned: reject this one)");
        out.println(p.peerId() + "  announced " + p.receivedAt());
        out.println("  SHA-256    " + Certificates.displayFingerprint(p.fingerprint()));
        out.println("  expires    " + p.certificate().getNotAfter().toInstant());
        out.println("  signed by  " + Certificates.displayFingerprint(p.signedBy()) + signedBy);
      }
      out.println(
          "Compare the fingerprint with "
              + config.hqId()
              + " by phone, then run 'outlet keys confirm FINGERPRINT' (or 'outlet keys reject"
              + " FINGERPRINT').");
      return OutletCli.OK;
    }
  }

  /** {@code keys confirm FINGERPRINT}. */
  @Command(
      name = "confirm",
      mixinStandardHelpOptions = true,
      description = {
        "Pins HQ's announced certificate, after its fingerprint was compared with HQ by phone.",
        "Both HQ certificates verify from then on; closings are sealed for the new one."
      })
  static final class Confirm implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(
        paramLabel = "FINGERPRINT",
        description = "The SHA-256 fingerprint HQ read out (spaces and colons are fine).")
    String fingerprint;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = keys.parent.wiring();
      Path keyDir = wiring.config().keyDir();
      String hqId = wiring.config().hqId();
      Instant now = wiring.clock().instant();
      PinnedCertificate pin;
      List<PinnedCertificate> others;
      try {
        pin = PendingCertificates.confirm(keyDir, hqId, fingerprint, now);
        others =
            TrustDirectory.load(keyDir).pinned(hqId).stream()
                .filter(p -> !p.revoked() && !p.fingerprint().equals(pin.fingerprint()))
                .toList();
      } catch (KeystoreException e) {
        throw keys(e);
      }
      PrintStream out = keys.parent.context().out();
      out.println(
          "Pinned "
              + hqId
              + "  SHA-256 "
              + Certificates.displayFingerprint(pin.fingerprint())
              + "; closings are sealed for it from now on, and what "
              + hqId
              + " signs with either key verifies.");
      for (PinnedCertificate old : others) {
        out.println(
            "When "
                + hqId
                + " says it has switched, and 'outlet menu' has fetched a menu signed with the new"
                + " key, revoke the old one: 'keystore revoke --dir "
                + keyDir
                + " --id "
                + hqId
                + " --fingerprint "
                + old.fingerprint()
                + "'");
      }
      return OutletCli.OK;
    }
  }

  /** {@code keys reject FINGERPRINT}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Drops HQ's announced certificate without pinning it.")
  static final class Reject implements Callable<Integer> {
    @ParentCommand KeysCommand keys;

    @Parameters(paramLabel = "FINGERPRINT", description = "The announced certificate's SHA-256.")
    String fingerprint;

    @Override
    public Integer call() throws OutletException {
      OutletWiring wiring = keys.parent.wiring();
      Pending dropped;
      try {
        dropped =
            PendingCertificates.reject(
                wiring.config().keyDir(), wiring.config().hqId(), fingerprint);
      } catch (KeystoreException e) {
        throw keys(e);
      }
      keys.parent
          .context()
          .out()
          .println(
              "Dropped the certificate "
                  + Certificates.displayFingerprint(dropped.fingerprint())
                  + " that "
                  + dropped.peerId()
                  + " announced; nothing was pinned.");
      return OutletCli.OK;
    }
  }
}
