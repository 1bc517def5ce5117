package io.outpost.keystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.keystore.rotation.PendingCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keystore next}, {@code promote} and what {@code show} says about keys over time. */
class RotationCommandsTest {

  private static final String PASSWORD = "a long enough password";
  private static final Map<String, String> WITH_PASSWORD = Map.of("OUTPOST_PASSWORD", PASSWORD);
  private static final String BITS = String.valueOf(TestIdentities.TEST_BITS);

  @TempDir Path dir;

  @Test
  void help_listsNextAndPromote() {
    assertThat(run(Map.of(), "--help").out()).contains("next", "promote");
  }

  @Test
  void next_thenShow_thenPromote_switchesTheKeyThatSigns() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(
            run(WITH_PASSWORD, "init", "--id", "outlet-7", "--dir", keys.toString(), "--bits", BITS)
                .code())
        .isZero();
    String before = KeyFiles.readIdentityCertificate(keys).getSerialNumber().toString();

    Result next = run(WITH_PASSWORD, "next", "--dir", keys.toString(), "--bits", BITS);
    String nextFingerprint =
        Certificates.fingerprint(KeyRotation.nextCertificate(keys).orElseThrow());
    Result shown = run(Map.of(), "show", "--dir", keys.toString());
    Result promoted = run(WITH_PASSWORD, "promote", "--dir", keys.toString());
    Result after = run(Map.of(), "show", "--dir", keys.toString());

    assertThat(next.code()).isZero();
    assertThat(next.out())
        .contains("next identity of outlet-7", Certificates.displayFingerprint(nextFingerprint));
    assertThat(shown.out())
        .contains("next     SHA-256 " + Certificates.displayFingerprint(nextFingerprint));
    assertThat(promoted.code()).as(promoted.err()).isZero();
    assertThat(promoted.out())
        .contains("now signing  SHA-256 " + Certificates.displayFingerprint(nextFingerprint));
    Identity loaded = KeyFiles.load(keys, PASSWORD.toCharArray());
    assertThat(loaded.fingerprint()).isEqualTo(nextFingerprint);
    assertThat(loaded.certificate().getSerialNumber().toString()).isNotEqualTo(before);
    assertThat(after.out()).contains("previous SHA-256").doesNotContain("next     SHA-256");
  }

  @Test
  void next_twice_exitsOneAndKeepsTheFirst() {
    Path keys = dir.resolve("keys");
    run(WITH_PASSWORD, "init", "--id", "outlet-7", "--dir", keys.toString(), "--bits", BITS);
    run(WITH_PASSWORD, "next", "--dir", keys.toString(), "--bits", BITS);

    Result again = run(WITH_PASSWORD, "next", "--dir", keys.toString(), "--bits", BITS);

    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already holds the next identity");
  }

  @Test
  void promote_withoutNext_exitsOneBeforeAskingForAPassword() {
    Path keys = dir.resolve("keys");
    run(WITH_PASSWORD, "init", "--id", "outlet-7", "--dir", keys.toString(), "--bits", BITS);

    Result result = run(Map.of(), "promote", "--dir", keys.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .contains("no next identity", "keystore next --dir")
        .doesNotContain("assword");
  }

  @Test
  void show_listsCertificatesAnnouncedByPeers() throws Exception {
    Path keys = dir.resolve("keys");
    run(WITH_PASSWORD, "init", "--id", "hq", "--dir", keys.toString(), "--bits", BITS);
    Identity announced = TestIdentities.fresh("outlet-7");
    PendingCertificates.keep(
        keys,
        new PendingCertificates.Pending(
            "outlet-7",
            announced.certificate(),
            Instant.now(),
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            TestIdentities.of("outlet-7").fingerprint()),
        new byte[] {1});

    Result shown = run(Map.of(), "show", "--dir", keys.toString());

    assertThat(shown.out())
        .contains(
            "Announced, waiting for confirmation",
            "outlet-7",
            announced.fingerprint().substring(0, 4).toUpperCase());
  }

  private static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        KeystoreCli.run(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
