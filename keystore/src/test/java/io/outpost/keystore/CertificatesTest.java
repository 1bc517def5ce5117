package io.outpost.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificatesTest {

  private static final String HEX =
      "d9227a146798cde7197c0a93b54c81df822d2eac2ad3dd6ab244667f62c9b9e4";

  @Test
  void displayFingerprint_groupsUpperCaseHexByFour() {
    assertThat(Certificates.displayFingerprint(HEX))
        .isEqualTo(
            "D922 7A14 6798 CDE7 197C 0A93 B54C 81DF 822D 2EAC 2AD3 DD6A B244 667F 62C9 B9E4");
  }

  @Test
  void normalizeFingerprint_displayedOrOpensslForm_givesBackTheHex() {
    String openssl =
        "D9:22:7A:14:67:98:CD:E7:19:7C:0A:93:B5:4C:81:DF:"
            + "82:2D:2E:AC:2A:D3:DD:6A:B2:44:66:7F:62:C9:B9:E4";

    assertThat(Certificates.normalizeFingerprint(Certificates.displayFingerprint(HEX)))
        .isEqualTo(HEX);
    assertThat(Certificates.normalizeFingerprint(openssl)).isEqualTo(HEX);
  }

  @Test
  void isSha256Fingerprint_acceptsOnly64HexDigits() {
    assertThat(Certificates.isSha256Fingerprint(HEX)).isTrue();
    assertThat(Certificates.isSha256Fingerprint(" " + HEX.toUpperCase() + "\n")).isTrue();
    assertThat(Certificates.isSha256Fingerprint(HEX.substring(2))).isFalse();
    assertThat(Certificates.isSha256Fingerprint(HEX.replace('d', 'g'))).isFalse();
    assertThat(Certificates.isSha256Fingerprint(null)).isFalse();
  }

  @Test
  void fingerprint_isSha256OfTheDerEncoding() throws Exception {
    Identity hq = TestIdentities.of("hq");
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256").digest(hq.certificate().getEncoded());

    assertThat(Certificates.fingerprint(hq.certificate()))
        .isEqualTo(java.util.HexFormat.of().formatHex(digest))
        .hasSize(64);
  }
}
