package io.outpost.outlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.Passwords;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.rotation.PendingCertificates;
import io.outpost.keystore.rotation.PendingCertificates.Pending;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outlet keys pending|confirm|reject}: HQ's next certificate, pinned only by a person. */
class KeysCommandTest {

  @TempDir Path dir;

  private TestParties parties;
  private Map<String, String> env;
  private String out;
  private String err;

  @BeforeEach
  void setUp() throws Exception {
    parties = TestParties.create(dir.resolve("keys"));
    env = parties.env(dir);
  }

  @Test
  void keys_withoutASubcommand_isAUsageError() {
    assertThat(run("keys")).isEqualTo(OutletCli.USAGE);
    assertThat(err).contains("missing command: pending, confirm or reject");
  }

  @Test
  void pending_nothingAnnounced_saysSo() {
    assertThat(run("keys", "pending")).isZero();
    assertThat(out).contains("No announced certificate of hq");
  }

  @Test
  void pending_showsTheFingerprintAndWhichPinSignedIt() throws Exception {
    Identity next = announced();

    assertThat(run("keys", "pending")).as(err).isZero();

    assertThat(out)
        .contains(
            Certificates.displayFingerprint(next.fingerprint()),
            Certificates.displayFingerprint(parties.hq.fingerprint()) + " (pinned)",
            "outlet keys confirm FINGERPRINT");
  }

  @Test
  void confirm_wrongFingerprint_isRefusedAndPinsNothing() throws Exception {
    Identity next = announced();
    String other = TestIdentities.fresh(TestParties.HQ).fingerprint();

    assertThat(run("keys", "confirm", other)).isEqualTo(OutletCli.FAILED);

    assertThat(err)
        .contains(
            "no announced certificate of hq has the fingerprint "
                + Certificates.displayFingerprint(other));
    assertThat(TrustDirectory.load(parties.keyDir).find(next.certificate())).isEmpty();
    assertThat(PendingCertificates.list(parties.keyDir)).hasSize(1);
  }

  @Test
  void confirm_theAnnouncedFingerprint_pinsItAndClosingsAreSealedForIt() throws Exception {
    Identity next = announced();

    int code = run("keys", "confirm", Certificates.displayFingerprint(next.fingerprint()));

    assertThat(code).as(err).isZero();
    assertThat(out).contains("Pinned hq", "--fingerprint " + parties.hq.fingerprint());
    assertThat(PendingCertificates.list(parties.keyDir)).isEmpty();
    assertThat(
            TrustDirectory.load(parties.keyDir)
                .encryptionCertificate(TestParties.HQ, Instant.now()))
        .contains(next.certificate());
  }

  @Test
  void reject_dropsItWithoutPinning() throws Exception {
    Identity next = announced();

    assertThat(run("keys", "reject", next.fingerprint())).as(err).isZero();

    assertThat(out).contains("Dropped the certificate");
    assertThat(PendingCertificates.list(parties.keyDir)).isEmpty();
    assertThat(TrustDirectory.load(parties.keyDir).find(next.certificate())).isEmpty();
  }

  /** HQ's next certificate kept as pending, as 'menu' or 'flush' would keep it. */
  private Identity announced() throws Exception {
    // Made after HQ's current certificate, so that it is the newest pin once confirmed.
    Identity next =
        TestIdentities.valid(
            TestParties.HQ,
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(365)));
    PendingCertificates.keep(
        parties.keyDir,
        new Pending(
            TestParties.HQ,
            next.certificate(),
            Instant.now(),
            UUID.randomUUID().toString(),
            parties.hq.fingerprint()),
        new byte[] {1});
    return next;
  }

  private int run(String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    OutletCli.Context context =
        new OutletCli.Context(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            env,
            Passwords.withoutTerminal(env),
            dir,
            Clock.systemUTC());
    int code = OutletCli.run(context, args);
    out = stdout.toString(StandardCharsets.UTF_8);
    err = stderr.toString(StandardCharsets.UTF_8);
    return code;
  }
}
