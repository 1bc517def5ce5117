package io.outpost.hq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.outpost.broker.BrokerAccounts;
import io.outpost.hq.keys.HqKeyring;
import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.QuarantineQueue;
import io.outpost.hq.ops.QuarantinedMessage;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.KeyAnnouncement;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import io.outpost.outlet.OutletCli;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys over time, end to end in one JVM: the in-JVM broker, a running HQ service, the real outlet
 * and HQ command lines, real keys on disk.
 */
class KeyRotationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String OUTLET_PASSWORD = "the outlet's key password";
  private static final LocalDate DAY = LocalDate.of(2025, 6, 2);

  @TempDir Path dir;

  private TestBroker broker;
  private final Map<String, String> quarantined = new HashMap<>();

  @BeforeEach
  void startBroker() throws Exception {
    broker = TestBroker.start(dir.resolve("broker"));
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void outletRotation_announceConfirmPromoteRevoke_withoutRestartingHq() throws Exception {
    OutletSite outlet = OutletSite.create(dir.resolve("outlet"), TestBroker.OUTLET_A, broker);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(outlet.identity()), broker.url());
    outlet.pinHq(hq.identity());
    Identity old = outlet.identity();
    try (HqService service = start(hq)) {
      assertThat(outlet.run("close", "--sales", outlet.sales(DAY)).code()).isZero();

      // The outlet prepares its next key and announces it, signed with the pinned one.
      Identity next = outlet.prepareNext();
      Result announced = outlet.run("announce-key");
      assertThat(announced.code()).as(announced.err()).isZero();
      assertThat(announced.out()).contains(Certificates.displayFingerprint(next.fingerprint()));

      // HQ keeps it pending and pins nothing: a closing signed with it is still refused.
      Eventually.await(
          "the announcement pending at HQ",
          WAIT,
          () -> !PendingCertificates.list(hq.keyDir()).isEmpty());
      assertThat(PendingCertificates.list(hq.keyDir()))
          .singleElement()
          .satisfies(p -> assertThat(p.fingerprint()).isEqualTo(next.fingerprint()))
          .satisfies(p -> assertThat(p.signedBy()).isEqualTo(old.fingerprint()));
      assertThat(TrustDirectory.load(hq.keyDir()).find(next.certificate())).isEmpty();
      UUID early = sendRaw(next, hq.identity(), DAY.plusDays(30), 30);
      assertThat(awaitQuarantine(early)).isEqualTo("UNKNOWN_SENDER");

      // The operator confirms the fingerprint the outlet read out; HQ is not restarted.
      Result confirmed =
          hqCli(
              "keys",
              "confirm",
              "--config",
              hq.config().toString(),
              TestBroker.OUTLET_A,
              Certificates.displayFingerprint(next.fingerprint()));
      assertThat(confirmed.code()).as(confirmed.err()).isZero();
      assertThat(confirmed.out())
          .contains("hq keys revoke outlet-a --fingerprint " + old.fingerprint());
      assertThat(PendingCertificates.list(hq.keyDir())).isEmpty();
      assertThat(TrustDirectory.load(hq.keyDir()).pinned(TestBroker.OUTLET_A))
          .extracting(PinnedCertificate::fingerprint, PinnedCertificate::revoked)
          .containsExactlyInAnyOrder(
              tuple(old.fingerprint(), false), tuple(next.fingerprint(), false));

      // A closing sealed with the old key, left in the outbox while offline ...
      Result offline = outlet.runOffline("close", "--sales", outlet.sales(DAY.plusDays(1)));
      assertThat(offline.code()).as(offline.err()).isEqualTo(OutletCli.OFFLINE);
      // ... the outlet switches keys, and both keys verify during the overlap.
      KeyRotation.promote(outlet.keyDir(), OUTLET_PASSWORD.toCharArray());
      Result flushed = outlet.run("flush");
      assertThat(flushed.code()).as(flushed.err()).isZero();
      assertThat(flushed.out()).contains("1 acknowledged");
      Result withNewKey = outlet.run("close", "--sales", outlet.sales(DAY.plusDays(2)));
      assertThat(withNewKey.code()).as(withNewKey.err()).isZero();
      assertThat(withNewKey.out()).contains("1 acknowledged");
      // Signed with and sealed for the new key: it reads back with that key alone (an outer
      // signature by the old one would name a signer the outlet has not pinned).
      byte[] sealedWithNewKey = outlet.outboxEntry(3);
      assertThat(
              new SecureMessages(
                      next,
                      TrustStore.of(List.of(TestIdentities.pin(hq.identity()))),
                      Clock.systemUTC())
                  .readOwnClosing(sealedWithNewKey)
                  .payload()
                  .businessDate())
          .isEqualTo(DAY.plusDays(2));

      // Once nothing sealed with it is on its way, HQ revokes the old key, effective at once.
      Result revoked =
          hqCli(
              "keys",
              "revoke",
              "--config",
              hq.config().toString(),
              TestBroker.OUTLET_A,
              "--fingerprint",
              old.fingerprint());
      assertThat(revoked.code()).as(revoked.err()).isZero();
      UUID replayed = sendRaw(old, hq.identity(), DAY.plusDays(31), 31);
      assertThat(awaitQuarantine(replayed)).isEqualTo("REVOKED");
      Result afterRevocation = outlet.run("close", "--sales", outlet.sales(DAY.plusDays(3)));
      assertThat(afterRevocation.code()).as(afterRevocation.err()).isZero();
    }
  }

  @Test
  void announcements_thatMayNotBecomeAPin_areQuarantinedAndNothingIsPending() throws Exception {
    OutletSite outlet = OutletSite.create(dir.resolve("outlet"), TestBroker.OUTLET_A, broker);
    Identity other = TestIdentities.of(TestBroker.OUTLET_B);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(outlet.identity(), other), broker.url());
    outlet.pinHq(hq.identity());
    try (HqService service = start(hq)) {
      // outlet-b's login sends outlet-a's announcement: the broker-validated user must sign.
      TestOutlet a =
          new TestOutlet(
              outlet.identity(), TrustStore.of(List.of(TestIdentities.pin(hq.identity()))), broker);
      Identity next = TestIdentities.fresh(TestBroker.OUTLET_A);
      KeyAnnouncement announcement =
          KeyAnnouncement.of(
              UUID.randomUUID(),
              TestBroker.OUTLET_A,
              TestBroker.HQ,
              Instant.now(),
              next.certificate());
      a.sendAs(
          TestBroker.OUTLET_B,
          Addresses.MENU_REQUESTS,
          WireProperties.TYPE_KEY_ANNOUNCEMENT,
          a.messages().sign(announcement),
          announcement.messageId().toString());

      assertThat(awaitQuarantine(announcement.messageId())).isEqualTo("SENDER_MISMATCH");

      // Its own login, but a certificate that expired: verified, yet it may not become a pin.
      Identity expired =
          TestIdentities.valid(
              TestBroker.OUTLET_A,
              Instant.now().minus(Duration.ofDays(30)),
              Instant.now().minus(Duration.ofDays(1)));
      KeyAnnouncement stale =
          KeyAnnouncement.of(
              UUID.randomUUID(),
              TestBroker.OUTLET_A,
              TestBroker.HQ,
              Instant.now(),
              expired.certificate());
      a.sendAs(
          TestBroker.OUTLET_A,
          Addresses.MENU_REQUESTS,
          WireProperties.TYPE_KEY_ANNOUNCEMENT,
          a.messages().sign(stale),
          stale.messageId().toString());

      assertThat(awaitQuarantine(stale.messageId())).isEqualTo("KEY_REFUSED");
      assertThat(PendingCertificates.list(hq.keyDir())).isEmpty();
    }
  }

  @Test
  void hqRotation_closingsSealedForEitherHqKeyAreStored_andReceiptsFollowThePromotion()
      throws Exception {
    Identity outletIdentity = TestIdentities.of(TestBroker.OUTLET_B);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(outletIdentity), broker.url());
    Identity hqOld = hq.identity();
    TestOutlet beforeRotation =
        new TestOutlet(outletIdentity, TrustStore.of(List.of(TestIdentities.pin(hqOld))), broker);
    // Sealed for HQ's old key and kept in the outbox, as an outlet offline for days would.
    Closing kept = beforeRotation.closing(DAY, 1, null);
    byte[] keptSealed = beforeRotation.seal(kept);

    // HQ prepares its next key; every outlet pins it (here: one) once it is read out to them.
    GeneratedIdentity generated = generate(TestBroker.HQ);
    KeyRotation.prepare(hq.keyDir(), generated, TestHq.PASSWORD.toCharArray());
    Identity hqNext = generated.identity();
    TestOutlet overlap =
        new TestOutlet(
            outletIdentity,
            TrustStore.of(List.of(TestIdentities.pin(hqOld), TestIdentities.pin(hqNext))),
            broker);
    try (HqService service = start(hq)) {
      // The outlet now seals for the newest pin, HQ's next key, which HQ already holds.
      Closing second = overlap.closing(DAY.plusDays(1), 2, digest(kept));
      overlap.sendClosing(overlap.seal(second), second.messageId().toString());
      assertThat(awaitReceipt(overlap, second.messageId()).outcome())
          .isEqualTo(ReceiptEntry.Outcome.STORED);
    }

    // HQ promotes its next key and restarts; what was sealed for the old key still opens.
    KeyRotation.promote(hq.keyDir(), TestHq.PASSWORD.toCharArray());
    try (HqService service = start(hq)) {
      overlap.sendClosing(keptSealed, kept.messageId().toString());
      Message receipt = awaitReceiptMessage(overlap, kept.messageId());
      assertThat(overlap.verifyReceipt(receipt).payload().entries())
          .extracting(ReceiptEntry::outcome)
          .containsExactly(ReceiptEntry.Outcome.STORED);
      // The receipt is signed with HQ's new key: an outlet that pins only the old one refuses it.
      byte[] body = receipt.getBody(byte[].class);
      SecureMessages pinsOnlyOld =
          new SecureMessages(
              outletIdentity, TrustStore.of(List.of(TestIdentities.pin(hqOld))), Clock.systemUTC());
      assertThatThrownBy(() -> pinsOnlyOld.openSigned(body, Receipt.class))
          .isInstanceOf(SecureMessageException.class)
          .extracting(e -> ((SecureMessageException) e).reason())
          .isEqualTo(SecureMessageException.Reason.UNKNOWN_SENDER);
      SecureMessages pinsOnlyNew =
          new SecureMessages(
              outletIdentity,
              TrustStore.of(List.of(TestIdentities.pin(hqNext))),
              Clock.systemUTC());
      assertThat(pinsOnlyNew.openSigned(body, Receipt.class).signerId()).isEqualTo(TestBroker.HQ);
    }
  }

  @Test
  void revoke_refusesTheOutletAtHqAtOnce_andClosesItsBrokerConnections() throws Exception {
    Identity a = TestIdentities.of(TestBroker.OUTLET_A);
    Identity b = TestIdentities.of(TestBroker.OUTLET_B);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(a, b), broker.url());
    Path adminPassword =
        Files.writeString(
            hq.dir().resolve("admin.pw"), TestBroker.password(TestBroker.ADMIN) + "\n");
    Files.writeString(
        hq.config(),
        "admin.password-file=" + adminPassword.getFileName() + "\n",
        StandardOpenOption.APPEND);
    TrustStore pinsHq = TrustStore.of(List.of(TestIdentities.pin(hq.identity())));
    TestOutlet outletA = new TestOutlet(a, pinsHq, broker);
    try (HqService service = start(hq);
        JMSContext openBefore = broker.login(TestBroker.OUTLET_B, JMSContext.AUTO_ACKNOWLEDGE)) {
      Closing first = outletA.closing(DAY, 1, null);
      outletA.sendClosing(outletA.seal(first), first.messageId().toString());
      assertThat(awaitReceipt(outletA, first.messageId()).outcome())
          .isEqualTo(ReceiptEntry.Outcome.STORED);

      // At HQ only: the running service refuses outlet-a's next closing.
      Result hqOnly =
          hqCli(
              "keys",
              "revoke",
              "--config",
              hq.config().toString(),
              TestBroker.OUTLET_A,
              "--hq-only");
      assertThat(hqOnly.code()).as(hqOnly.err()).isZero();
      Closing second = outletA.closing(DAY.plusDays(1), 2, digest(first));
      outletA.sendClosing(outletA.seal(second), second.messageId().toString());
      assertThat(awaitQuarantine(second.messageId())).isEqualTo("REVOKED");

      // At HQ and the broker: outlet-b's open connection is closed. The in-JVM broker cannot edit
      // its own login files (a distribution broker can), so the command says to remove the login
      // on the broker host; the caches it cleared make that removal take effect at once, although
      // outlet-b's login was cached moments ago.
      Result full =
          hqCli("keys", "revoke", "--config", hq.config().toString(), TestBroker.OUTLET_B);
      assertThat(full.out())
          .contains(
              "Revoked outlet-b",
              "Broker: cleared the broker's login and permission caches",
              "Broker: closed the open connections of outlet-b");
      assertThat(full.code()).isEqualTo(HqCli.FAILED);
      assertThat(full.err()).contains("broker-config/remove-outlet outlet-b --instance DIR");
      assertThatThrownBy(
              () ->
                  openBefore
                      .createProducer()
                      .send(openBefore.createQueue(Addresses.CLOSINGS), new byte[] {1}))
          .isInstanceOf(JMSRuntimeException.class);
      BrokerAccounts.open(dir.resolve("broker"), 10_000).removeOutlet(TestBroker.OUTLET_B);
      assertThatThrownBy(
              () -> broker.login(TestBroker.OUTLET_B, JMSContext.AUTO_ACKNOWLEDGE).close())
          .isInstanceOf(JMSRuntimeException.class);
      assertThat(TrustDirectory.load(hq.keyDir()).pinned(TestBroker.OUTLET_B))
          .allMatch(PinnedCertificate::revoked);
    }
  }

  @Test
  void revoke_withoutTheAdminLogin_revokesAtHqAndSaysTheBrokerStillAdmits() throws Exception {
    Identity a = TestIdentities.of(TestBroker.OUTLET_A);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(a), broker.url());

    Result result =
        hqCli("keys", "revoke", "--config", hq.config().toString(), TestBroker.OUTLET_A);

    assertThat(result.code()).isEqualTo(HqCli.FAILED);
    assertThat(result.out()).contains("Revoked outlet-a");
    assertThat(result.err())
        .contains("revoked at HQ, but its broker login still works", "remove-outlet");
    assertThat(TrustDirectory.load(hq.keyDir()).pinned(TestBroker.OUTLET_A))
        .allMatch(PinnedCertificate::revoked);
  }

  @Test
  void keysCommands_usageAndMistakes_exitWithTheirCodes() throws Exception {
    Identity a = TestIdentities.of(TestBroker.OUTLET_A);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(a), broker.url());
    String config = hq.config().toString();

    assertThat(hqCli("keys").code()).isEqualTo(HqCli.USAGE);
    assertThat(hqCli("keys", "confirm", "--config", config, "Outlet A", a.fingerprint()).code())
        .isEqualTo(HqCli.USAGE);
    assertThat(
            hqCli("keys", "revoke", "--config", config, "outlet-a", "--fingerprint", "12").code())
        .isEqualTo(HqCli.USAGE);
    Result none = hqCli("keys", "pending", "--config", config);
    assertThat(none.code()).isZero();
    assertThat(none.out()).contains("No announced certificate");
    Result unknown = hqCli("keys", "confirm", "--config", config, "outlet-a", a.fingerprint());
    assertThat(unknown.code()).isEqualTo(HqCli.FAILED);
    assertThat(unknown.err()).contains("no announced certificate of outlet-a");
    Result notPinned = hqCli("keys", "revoke", "--config", config, "outlet-9", "--hq-only");
    assertThat(notPinned.code()).isEqualTo(HqCli.FAILED);
    assertThat(notPinned.err()).contains("no certificate of outlet-9 is pinned");
  }

  @Test
  void keysPending_listsTheAnnouncementAndWhoSignedIt() throws Exception {
    Identity a = TestIdentities.of(TestBroker.OUTLET_A);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(a), broker.url());
    Identity next = TestIdentities.fresh(TestBroker.OUTLET_A);
    PendingCertificates.keep(
        hq.keyDir(),
        new PendingCertificates.Pending(
            TestBroker.OUTLET_A,
            next.certificate(),
            Instant.now(),
            UUID.randomUUID().toString(),
            a.fingerprint()),
        new byte[] {1});

    Result listed = hqCli("keys", "pending", "--config", hq.config().toString());
    Result rejected =
        hqCli("keys", "reject", "--config", hq.config().toString(), "outlet-a", next.fingerprint());

    assertThat(listed.out())
        .contains(
            "outlet-a  announced",
            Certificates.displayFingerprint(next.fingerprint()),
            Certificates.displayFingerprint(a.fingerprint()) + " (pinned)");
    assertThat(rejected.code()).isZero();
    assertThat(PendingCertificates.list(hq.keyDir())).isEmpty();
    assertThat(TrustDirectory.load(hq.keyDir()).find(next.certificate())).isEmpty();
  }

  @Test
  void hqRotation_announceFlushConfirmPromote_closingsSealedForEitherHqKeyAreStored()
      throws Exception {
    OutletSite outlet = OutletSite.create(dir.resolve("outlet"), TestBroker.OUTLET_A, broker);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(outlet.identity()), broker.url());
    outlet.pinHq(hq.identity());
    Identity hqOld = hq.identity();
    // Sealed for HQ's current key and left in the outbox while the broker was out of reach.
    Result offline = outlet.runOffline("close", "--sales", outlet.sales(DAY));
    assertThat(offline.code()).as(offline.err()).isEqualTo(OutletCli.OFFLINE);

    // HQ prepares its next key and starts with it, so that it opens what is sealed for it.
    KeyRotation.prepare(hq.keyDir(), generate(TestBroker.HQ), TestHq.PASSWORD.toCharArray());
    Identity hqNext =
        KeyFiles.load(KeyRotation.nextDir(hq.keyDir()), TestHq.PASSWORD.toCharArray());
    String nextFingerprint = Certificates.displayFingerprint(hqNext.fingerprint());
    try (HqService service = start(hq)) {
      Result announced = hqCli("keys", "announce", "--config", hq.config().toString());
      assertThat(announced.code()).as(announced.err()).isZero();
      assertThat(announced.out()).contains(nextFingerprint, "announced to 1 outlet(s): outlet-a");
      Result again = hqCli("keys", "announce", "--config", hq.config().toString());
      assertThat(again.code()).as(again.err()).isZero();

      // The outlet's flush sends the closing and keeps the announcement (once) as pending only.
      Result flushed = outlet.run("flush");
      assertThat(flushed.code()).as(flushed.err()).isZero();
      assertThat(flushed.out()).contains("1 acknowledged");
      assertThat(flushed.err()).contains("hq announced its next certificate");
      assertThat(PendingCertificates.list(outlet.keyDir()))
          .singleElement()
          .satisfies(p -> assertThat(p.fingerprint()).isEqualTo(hqNext.fingerprint()))
          .satisfies(p -> assertThat(p.signedBy()).isEqualTo(hqOld.fingerprint()));
      Result pending = outlet.run("keys", "pending");
      assertThat(pending.out()).contains(nextFingerprint);
      // Sealed before the pin: for HQ's old key.
      outlet.runOffline("close", "--sales", outlet.sales(DAY.plusDays(1)));

      // The staff confirm the fingerprint HQ read out, after a wrong one is refused.
      Result wrong = outlet.run("keys", "confirm", hqOld.fingerprint());
      assertThat(wrong.code()).isEqualTo(OutletCli.FAILED);
      assertThat(wrong.err()).contains("no announced certificate of hq has the fingerprint");
      assertThat(TrustDirectory.load(outlet.keyDir()).find(hqNext.certificate())).isEmpty();
      Result confirmed = outlet.run("keys", "confirm", nextFingerprint);
      assertThat(confirmed.code()).as(confirmed.err()).isZero();
      // Sealed after the pin: for HQ's next key, the newest pinned.
      outlet.runOffline("close", "--sales", outlet.sales(DAY.plusDays(2)));
    }
    assertThat(openWith(hqOld, outlet, 2).businessDate()).isEqualTo(DAY.plusDays(1));
    assertThat(openWith(hqNext, outlet, 3).businessDate()).isEqualTo(DAY.plusDays(2));
    assertThatThrownBy(() -> openWith(hqOld, outlet, 3))
        .isInstanceOf(SecureMessageException.class)
        .extracting(e -> ((SecureMessageException) e).reason())
        .isEqualTo(SecureMessageException.Reason.NOT_FOR_US);

    // HQ switches; closings sealed for either key are stored, receipts signed with the new one.
    KeyRotation.promote(hq.keyDir(), TestHq.PASSWORD.toCharArray());
    try (HqService service = start(hq)) {
      Result flushed = outlet.run("flush");
      assertThat(flushed.code()).as(flushed.err()).isZero();
      assertThat(flushed.out()).contains("2 sent, 2 acknowledged, 0 rejected");
    }
  }

  @Test
  void hqKeyAnnouncement_signedByAKeyTheOutletDidNotPin_isRefusedByFlushAndNotKept()
      throws Exception {
    OutletSite outlet = OutletSite.create(dir.resolve("outlet"), TestBroker.OUTLET_A, broker);
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(outlet.identity()), broker.url());
    outlet.pinHq(hq.identity());
    // Whoever holds HQ's broker login, but not HQ's key, announces a key of its own.
    Identity forgerKey = TestIdentities.fresh(TestBroker.HQ);
    TestOutlet forger = new TestOutlet(forgerKey, TrustStore.empty(), broker);
    KeyAnnouncement forged =
        KeyAnnouncement.of(
            UUID.randomUUID(),
            TestBroker.HQ,
            TestBroker.OUTLET_A,
            Instant.now(),
            forgerKey.certificate());
    forger.sendAs(
        TestBroker.HQ,
        Addresses.inbox(TestBroker.OUTLET_A),
        WireProperties.TYPE_KEY_ANNOUNCEMENT,
        forger.messages().sign(forged),
        forged.messageId().toString());

    try (HqService service = start(hq)) {
      Result closed = outlet.run("close", "--sales", outlet.sales(DAY));

      assertThat(closed.code()).isEqualTo(OutletCli.FAILED);
      assertThat(closed.out()).contains("1 acknowledged");
      assertThat(closed.err())
          .contains("refused a key announcement in the inbox (UNKNOWN_SENDER)", "nothing was kept");
    }
    assertThat(PendingCertificates.list(outlet.keyDir())).isEmpty();
    assertThat(TrustDirectory.load(outlet.keyDir()).pinned(TestBroker.HQ)).hasSize(1);
    assertThat(broker.receiveAll(TestBroker.OUTLET_A, Addresses.inbox(TestBroker.OUTLET_A), 500))
        .as("the forged announcement left the inbox")
        .isEmpty();
  }

  @Test
  void quarantineRelease_closingSealedForHqsPreviousKey_opensAfterThePromotion() throws Exception {
    TestHq hq = TestHq.create(dir.resolve("hq"), List.of(), broker.url());
    Files.writeString(
        hq.config(),
        "admin.password-file="
            + Files.writeString(
                hq.dir().resolve("admin.pw"), TestBroker.password(TestBroker.ADMIN) + "\n")
            + "\n",
        StandardOpenOption.APPEND);
    Identity hqOld = hq.identity();
    // outlet-b is not pinned yet: its closing, sealed for HQ's current key, is quarantined.
    TestOutlet b = TestOutlet.of(TestBroker.OUTLET_B, hqOld, broker);
    Closing closing = b.closing(DAY, 1, null);
    try (HqService service = start(hq)) {
      b.sendClosing(b.seal(closing), closing.messageId().toString());
      Eventually.await(
          "the closing in quarantine", WAIT, () -> quarantineIdOf(closing.messageId()) != null);
    }
    String id = quarantineIdOf(closing.messageId());

    // HQ rotates its key meanwhile, then pins outlet-b and releases the closing.
    KeyRotation.prepare(hq.keyDir(), generate(TestBroker.HQ), TestHq.PASSWORD.toCharArray());
    KeyRotation.Promotion promotion =
        KeyRotation.promote(hq.keyDir(), TestHq.PASSWORD.toCharArray());
    Identity b0 = TestIdentities.of(TestBroker.OUTLET_B);
    TrustDirectory.pin(hq.keyDir(), b0.certificate(), b0.fingerprint());
    Result released = hqCli("quarantine", "release", id, "--config", hq.config().toString());

    assertThat(released.code()).as(released.err()).isZero();
    assertThat(released.out())
        .contains("closing " + closing.messageId() + " from outlet-b STORED", "1 receipt(s) sent");
    TestOutlet pinsNew =
        new TestOutlet(
            b0,
            TrustStore.of(
                List.of(new PinnedCertificate(TestBroker.HQ, promotion.current(), false))),
            broker);
    assertThat(awaitReceipt(pinsNew, closing.messageId()).outcome())
        .isEqualTo(ReceiptEntry.Outcome.STORED);
  }

  /** The id 'hq quarantine list' shows for the quarantined message with this message id. */
  private String quarantineIdOf(UUID messageId) throws Exception {
    try (QuarantineQueue quarantine =
        QuarantineQueue.open(
            new BrokerLogin(
                broker.url(), TestBroker.ADMIN, TestBroker.password(TestBroker.ADMIN)))) {
      return quarantine.list(100).stream()
          .filter(m -> messageId.toString().equals(m.originalId()))
          .map(QuarantinedMessage::id)
          .findFirst()
          .orElse(null);
    }
  }

  /** Opens the outlet's outbox entry with one HQ identity alone, as HQ holding only it would. */
  private static Closing openWith(Identity hqKey, OutletSite outlet, long sequence)
      throws Exception {
    return new SecureMessages(
            hqKey, TrustStore.of(List.of(TestIdentities.pin(outlet.identity()))), Clock.systemUTC())
        .openClosing(outlet.outboxEntry(sequence))
        .payload();
  }

  private static HqService start(TestHq hq) throws Exception {
    HqConfig config = HqConfig.load(hq.config(), Map.of());
    // The trust directory is checked at every message here, so that a revocation made just
    // before a send is seen by it; the service's default checks at most once a second.
    HqKeyring keys =
        HqKeyring.load(hq.keyDir(), TestHq.PASSWORD::toCharArray, Clock.systemUTC(), Duration.ZERO);
    return HqService.start(Wiring.serviceSettings(config), keys, Clock.systemUTC());
  }

  /**
   * Seals and sends a closing signed by {@code signer} (as outlet-a's login), outside any outbox.
   */
  private UUID sendRaw(Identity signer, Identity hq, LocalDate day, long sequence)
      throws Exception {
    TestOutlet raw = new TestOutlet(signer, TrustStore.of(List.of(TestIdentities.pin(hq))), broker);
    Closing closing = raw.closing(day, sequence, "00".repeat(32), null, TestBroker.HQ);
    raw.sendClosing(raw.seal(closing), closing.messageId().toString());
    return closing.messageId();
  }

  /** The reason HQ quarantined the message with this id, waiting for it. */
  private String awaitQuarantine(UUID messageId) throws Exception {
    String id = messageId.toString();
    Eventually.await(
        "message " + id + " in quarantine",
        WAIT,
        () -> {
          for (Message m : broker.receiveAll(TestBroker.ADMIN, Addresses.QUARANTINE, 100)) {
            quarantined.put(
                m.getStringProperty(WireProperties.DUPLICATE_ID),
                m.getStringProperty(WireProperties.REASON));
          }
          return quarantined.containsKey(id);
        });
    return quarantined.get(id);
  }

  private static ReceiptEntry awaitReceipt(TestOutlet outlet, UUID closingId) throws Exception {
    Message message = awaitReceiptMessage(outlet, closingId);
    return outlet.verifyReceipt(message).payload().entries().stream()
        .filter(e -> e.messageId().equals(closingId))
        .findFirst()
        .orElseThrow();
  }

  private static Message awaitReceiptMessage(TestOutlet outlet, UUID closingId) throws Exception {
    List<Message> found = new ArrayList<>();
    Eventually.await(
        "a receipt for " + closingId,
        WAIT,
        () -> {
          for (Message m : outlet.inbox(100)) {
            Verified<Receipt> receipt = outlet.verifyReceipt(m);
            if (receipt.payload().entries().stream()
                .anyMatch(e -> e.messageId().equals(closingId))) {
              found.add(m);
            }
          }
          return !found.isEmpty();
        });
    return found.get(0);
  }

  private static String digest(Closing closing) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(new PayloadCodec().encode(closing)));
  }

  private static GeneratedIdentity generate(String id) throws Exception {
    Instant now = Instant.now();
    return new IdentityGenerator()
        .generate(
            id,
            TestIdentities.TEST_BITS,
            now.minus(Duration.ofMinutes(5)),
            now.plus(Duration.ofDays(365)));
  }

  private static Result hqCli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        HqCli.run(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What a command line run printed and returned. */
  record Result(int code, String out, String err) {}

  /**
   * An outlet installed on disk as an operator would leave it: its identity (encrypted key), HQ
   * pinned, its broker password file and an outlet.properties naming them.
   */
  record OutletSite(Path dir, String id, Path config, TestBroker broker) {

    static OutletSite create(Path dir, String id, TestBroker broker) throws Exception {
      Files.createDirectories(dir);
      KeyFiles.write(dir.resolve("keys"), generate(id), OUTLET_PASSWORD.toCharArray());
      Path password = Files.writeString(dir.resolve("broker.pw"), TestBroker.password(id) + "\n");
      Path config =
          Files.writeString(
              dir.resolve("outlet.properties"),
              String.join(
                  "\n",
                  "broker.url=" + broker.url(),
                  "broker.passwordFile=" + password.getFileName(),
                  "key.dir=keys",
                  "outbox.dir=outbox",
                  "menu.dir=menu",
                  "hq.id=" + TestBroker.HQ,
                  "connect.attempts=2",
                  "connect.backoff=100ms",
                  "receipt.timeout=15s",
                  ""));
      return new OutletSite(dir, id, config, broker);
    }

    Path keyDir() {
      return dir.resolve("keys");
    }

    Identity identity() throws Exception {
      return KeyFiles.load(keyDir(), OUTLET_PASSWORD.toCharArray());
    }

    void pinHq(Identity hq) throws Exception {
      TrustDirectory.pin(keyDir(), hq.certificate(), hq.fingerprint());
    }

    Identity prepareNext() throws Exception {
      X509Certificate next =
          KeyRotation.prepare(keyDir(), generate(id), OUTLET_PASSWORD.toCharArray());
      Identity loaded = KeyFiles.load(KeyRotation.nextDir(keyDir()), OUTLET_PASSWORD.toCharArray());
      assertThat(loaded.certificate()).isEqualTo(next);
      return loaded;
    }

    /** The sealed closing of the outbox entry with this sequence number. */
    byte[] outboxEntry(long sequence) throws Exception {
      String prefix = String.format("%010d-", sequence);
      try (var entries = Files.list(dir.resolve("outbox"))) {
        Path entry =
            entries
                .filter(e -> e.getFileName().toString().startsWith(prefix))
                .findFirst()
                .orElseThrow();
        return Files.readAllBytes(entry.resolve("closing.p7m"));
      }
    }

    /** A sales file for {@code day}. */
    String sales(LocalDate day) throws Exception {
      SalesDay sales =
          new SalesDay(
              day,
              Currency.getInstance("EUR"),
              List.of(
                  new SalesLine("COF-1", "Espresso", 40, 250),
                  new SalesLine("CRO-1", "Croissant", 25, 180)));
      Path file = dir.resolve("sales-" + day + ".json");
      Files.write(file, new PayloadCodec().encode(sales));
      return file.toString();
    }

    Result run(String... args) {
      return run(Map.of("OUTPOST_PASSWORD", OUTLET_PASSWORD), args);
    }

    /** As {@link #run}, with the broker out of reach. */
    Result runOffline(String... args) {
      return run(
          Map.of("OUTPOST_PASSWORD", OUTLET_PASSWORD, "OUTPOST_BROKER_URL", "tcp://127.0.0.1:1"),
          args);
    }

    private Result run(Map<String, String> env, String... args) {
      List<String> all = new ArrayList<>(List.of("--config", config.toString()));
      all.addAll(List.of(args));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          OutletCli.run(
              new ByteArrayInputStream(new byte[0]),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              env,
              all.toArray(String[]::new));
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
