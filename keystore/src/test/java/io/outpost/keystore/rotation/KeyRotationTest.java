package io.outpost.keystore.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.IdentityGenerator.GeneratedIdentity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.KeystoreException.Reason;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.rotation.KeyRotation.Promotion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {

  private static final String OLD_PASSWORD = "the password of the old key";
  private static final String NEW_PASSWORD = "the password of the new key";

  @TempDir Path dir;

  private Identity current;

  @BeforeEach
  void createIdentity() throws KeystoreException {
    GeneratedIdentity generated = generate("outlet-7");
    KeyFiles.write(dir, generated, OLD_PASSWORD.toCharArray());
    current = generated.identity();
  }

  @Test
  void prepare_writesTheNextIdentityBesideTheCurrentOne() throws Exception {
    GeneratedIdentity next = generate("outlet-7");

    X509Certificate written = KeyRotation.prepare(dir, next, NEW_PASSWORD.toCharArray());

    assertThat(Certificates.fingerprint(written)).isEqualTo(next.identity().fingerprint());
    assertThat(KeyRotation.nextCertificate(dir)).contains(next.identity().certificate());
    assertThat(KeyFiles.load(dir, OLD_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(current.fingerprint());
    assertThat(KeyFiles.load(dir.resolve("next"), NEW_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(next.identity().fingerprint());
    assertThat(Files.getPosixFilePermissions(dir.resolve("next/private.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void prepare_twice_throwsAlreadyExistsAndKeepsTheFirst() throws Exception {
    GeneratedIdentity first = generate("outlet-7");
    KeyRotation.prepare(dir, first, NEW_PASSWORD.toCharArray());

    assertThatThrownBy(
            () -> KeyRotation.prepare(dir, generate("outlet-7"), NEW_PASSWORD.toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .extracting(e -> ((KeystoreException) e).reason())
        .isEqualTo(Reason.ALREADY_EXISTS);
    assertThat(KeyRotation.nextCertificate(dir)).contains(first.identity().certificate());
  }

  @Test
  void prepare_anotherPartysIdentity_throwsInvalidArgument() {
    assertThatThrownBy(
            () -> KeyRotation.prepare(dir, generate("outlet-8"), NEW_PASSWORD.toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("must keep the party id 'outlet-7'");
    assertThat(dir.resolve("next")).doesNotExist();
  }

  @Test
  void promote_makesTheNextIdentityPrimaryAndArchivesTheCurrentOne() throws Exception {
    GeneratedIdentity next = generate("outlet-7");
    KeyRotation.prepare(dir, next, NEW_PASSWORD.toCharArray());

    Promotion promotion = KeyRotation.promote(dir, NEW_PASSWORD.toCharArray());

    assertThat(promotion.previous()).isEqualTo(current.certificate());
    assertThat(promotion.current()).isEqualTo(next.identity().certificate());
    assertThat(promotion.archived()).isEqualTo(dir.resolve("previous/" + current.fingerprint()));
    assertThat(KeyFiles.load(dir, NEW_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(next.identity().fingerprint());
    assertThat(KeyFiles.load(promotion.archived(), OLD_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(current.fingerprint());
    assertThat(Files.getPosixFilePermissions(promotion.archived().resolve("private.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dir.resolve("next")).doesNotExist();
    assertThat(KeyRotation.nextCertificate(dir)).isEmpty();
    assertThat(KeyRotation.previousCertificates(dir)).containsExactly(current.certificate());
  }

  @Test
  void promote_withoutANextIdentity_throwsMissingFile() {
    assertThatThrownBy(() -> KeyRotation.promote(dir, NEW_PASSWORD.toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("keystore next --dir")
        .extracting(e -> ((KeystoreException) e).reason())
        .isEqualTo(Reason.MISSING_FILE);
  }

  @Test
  void promote_wrongPassword_throwsAndMovesNothing() throws Exception {
    KeyRotation.prepare(dir, generate("outlet-7"), NEW_PASSWORD.toCharArray());

    assertThatThrownBy(() -> KeyRotation.promote(dir, "not the password".toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .extracting(e -> ((KeystoreException) e).reason())
        .isEqualTo(Reason.WRONG_PASSWORD);
    assertThat(KeyFiles.load(dir, OLD_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(current.fingerprint());
    assertThat(dir.resolve("previous")).doesNotExist();
  }

  @Test
  void promote_interruptedAfterTheKeyMoved_isFinishedByRunningItAgain() throws Exception {
    GeneratedIdentity next = generate("outlet-7");
    KeyRotation.prepare(dir, next, NEW_PASSWORD.toCharArray());
    // What a crash between the key's move and the certificate's leaves behind.
    Path archived = dir.resolve("previous/" + current.fingerprint());
    Files.createDirectories(archived);
    for (String name : List.of("csr.pem", "private.pem", "cert.pem")) {
      Files.copy(dir.resolve(name), archived.resolve(name));
    }
    Files.move(
        dir.resolve("next/csr.pem"), dir.resolve("csr.pem"), StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        dir.resolve("next/private.pem"),
        dir.resolve("private.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> KeyFiles.load(dir, NEW_PASSWORD.toCharArray()))
        .isInstanceOf(KeystoreException.class);

    Promotion promotion = KeyRotation.promote(dir, NEW_PASSWORD.toCharArray());

    assertThat(promotion.current()).isEqualTo(next.identity().certificate());
    assertThat(KeyFiles.load(dir, NEW_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(next.identity().fingerprint());
    assertThat(KeyFiles.load(archived, OLD_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(current.fingerprint());
    assertThat(dir.resolve("next")).doesNotExist();
  }

  @Test
  void promote_nextHoldsACertificateWithoutItsKey_refusesAndKeepsOurIdentity() throws Exception {
    GeneratedIdentity next = generate("outlet-7");
    KeyRotation.prepare(dir, next, NEW_PASSWORD.toCharArray());
    Files.delete(dir.resolve("next/private.pem"));

    assertThatThrownBy(() -> KeyRotation.promote(dir, OLD_PASSWORD.toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("not a complete identity");
    assertThat(KeyFiles.load(dir, OLD_PASSWORD.toCharArray()).fingerprint())
        .isEqualTo(current.fingerprint());
  }

  @Test
  void loadOthers_returnsTheNextAndThePreviousIdentities() throws Exception {
    GeneratedIdentity second = generate("outlet-7");
    KeyRotation.prepare(dir, second, OLD_PASSWORD.toCharArray());
    KeyRotation.promote(dir, OLD_PASSWORD.toCharArray());
    GeneratedIdentity third = generate("outlet-7");
    KeyRotation.prepare(dir, third, OLD_PASSWORD.toCharArray());
    List<String> skipped = new ArrayList<>();

    List<Identity> others =
        KeyRotation.loadOthers(dir, OLD_PASSWORD::toCharArray, Instant.now(), skipped::add);

    assertThat(others)
        .extracting(Identity::fingerprint)
        .containsExactly(third.identity().fingerprint(), current.fingerprint());
    assertThat(skipped).isEmpty();
  }

  @Test
  void loadOthers_skipsAnExpiredPreviousIdentity() throws Exception {
    KeyRotation.prepare(dir, generate("outlet-7"), OLD_PASSWORD.toCharArray());
    KeyRotation.promote(dir, OLD_PASSWORD.toCharArray());
    List<String> skipped = new ArrayList<>();

    List<Identity> others =
        KeyRotation.loadOthers(
            dir, OLD_PASSWORD::toCharArray, Instant.now().plus(Duration.ofDays(400)), skipped::add);

    assertThat(others).isEmpty();
    assertThat(skipped).hasSize(1);
    assertThat(skipped.get(0)).contains(current.fingerprint(), "not valid now");
  }

  private static GeneratedIdentity generate(String id) throws KeystoreException {
    Instant now = Instant.now();
    return new IdentityGenerator()
        .generate(
            id,
            TestIdentities.TEST_BITS,
            now.minus(Duration.ofMinutes(5)),
            now.plus(Duration.ofDays(365)));
  }
}
