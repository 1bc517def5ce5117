package io.outpost.message.payload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outpost.keystore.Certificates;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules of {@link KeyAnnouncement} and its strict round trip through {@link PayloadCodec}. */
class KeyAnnouncementTest {

  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final UUID ID = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
  private static final Instant AT = Instant.parse("2024-05-02T08:00:00Z");

  private final PayloadCodec codec = new PayloadCodec();
  private final Identity next = TestIdentities.fresh("outlet-042");
  private final KeyAnnouncement sample =
      KeyAnnouncement.of(ID, "outlet-042", "hq", AT, next.certificate());

  @Test
  void of_certificate_carriesItsFingerprintAndDerInLinesOf64() {
    assertThat(sample.schema()).isEqualTo(KeyAnnouncement.SCHEMA);
    assertThat(sample.fingerprint()).isEqualTo(next.fingerprint());
    assertThat(sample.x509()).isEqualTo(next.certificate());
    List<String> lines = sample.certificate();
    assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.length() == 64);
    assertThat(lines.get(lines.size() - 1).length()).isBetween(1, 64);
  }

  @Test
  void encodeThenDecode_returnsAnEqualAnnouncement() throws Exception {
    byte[] encoded = codec.encode(sample);

    assertThat(codec.decode(encoded, KeyAnnouncement.class)).isEqualTo(sample);
    assertThat(codec.decodeAny(encoded)).isEqualTo(sample);
    assertThat(codec.schemaOf(encoded)).isEqualTo("outpost.key-announcement/1");
    assertThat(new String(encoded, UTF_8))
        .startsWith(
            "{\"schema\":\"outpost.key-announcement/1\",\"messageId\":\""
                + ID
                + "\",\"from\":"
                + "\"outlet-042\",\"to\":\"hq\",\"createdAt\":\"2024-05-02T08:00:00Z\","
                + "\"fingerprint\":\""
                + next.fingerprint()
                + "\",\"certificate\":[\"");
  }

  @Test
  void decode_asAnotherType_throwsNamingSchema() {
    byte[] encoded = codec.encode(sample);

    assertThatThrownBy(() -> codec.decode(encoded, MenuRequest.class))
        .isInstanceOf(PayloadException.class)
        .hasMessage("schema: must be \"outpost.menu-request/1\"");
  }

  @Test
  void constructor_certificateOfAnotherParty_throwsNamingCertificate() {
    Identity other = TestIdentities.of("outlet-7");

    assertThatThrownBy(() -> KeyAnnouncement.of(ID, "outlet-042", "hq", AT, other.certificate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("certificate: must name the sender as its CN");
  }

  /** Every known-bad document is refused with the field it names; all failures are collected. */
  @Test
  void decode_knownBadDocuments_throwNamingTheField() throws Exception {
    String otherFingerprint = Certificates.fingerprint(TestIdentities.of("outlet-7").certificate());
    String firstLine = sample.certificate().get(0);
    List<Bad> bad =
        List.of(
            new Bad(
                "fingerprint of another certificate",
                d -> d.put("fingerprint", otherFingerprint),
                "fingerprint: must be the SHA-256 of the certificate"),
            new Bad(
                "fingerprint upper case",
                d -> d.put("fingerprint", sample.fingerprint().toUpperCase()),
                "fingerprint: must be a SHA-256 digest in 64 lower-case hex digits"),
            new Bad("fingerprint missing", d -> d.remove("fingerprint"), "fingerprint: is missing"),
            new Bad("certificate missing", d -> d.remove("certificate"), "certificate: is missing"),
            new Bad(
                "certificate empty",
                d -> d.putArray("certificate"),
                "certificate: must not be empty"),
            new Bad(
                "certificate as one string",
                d -> d.put("certificate", firstLine),
                "certificate: must be an array"),
            new Bad(
                "a line with a space",
                d -> lines(d).set(0, firstLine.substring(1) + " "),
                "certificate[0]: must be base64 in lines of 64 characters, the last one shorter"),
            new Bad(
                "a short line in the middle",
                d -> lines(d).set(0, firstLine.substring(4)),
                "certificate[0]: must be base64 in lines of 64 characters, the last one shorter"),
            new Bad(
                "lines joined",
                d -> joinFirstTwo(lines(d)),
                "certificate[0]: must be base64 in lines of 64 characters, the last one shorter"),
            new Bad(
                "a line dropped",
                d -> lines(d).remove(1),
                "certificate: must be a DER-encoded X.509 certificate"),
            new Bad("a null line", d -> lines(d).insertNull(1), "certificate[1]: must not be null"),
            new Bad(
                "an unknown field", d -> d.put("pem", "x"), "pem: is not a field of this document"),
            new Bad(
                "to = from",
                d -> d.put("to", "outlet-042"),
                "to: must name a party other than the sender"),
            new Bad(
                "from another party",
                d -> d.put("from", "outlet-7"),
                "certificate: must name the sender as its CN"));
    List<String> failures = new ArrayList<>();
    for (Bad b : bad) {
      ObjectNode document = tree(sample);
      b.mutation().accept(document);
      try {
        codec.decode(PLAIN.writeValueAsBytes(document), KeyAnnouncement.class);
        failures.add(b.name() + ": accepted");
      } catch (PayloadException e) {
        if (!e.getMessage().equals(b.expected())) {
          failures.add(b.name() + ": '" + e.getMessage() + "', expected '" + b.expected() + "'");
        }
      } catch (Exception e) {
        failures.add(b.name() + ": " + e);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void decode_nonCanonicalPadding_isRefused() throws Exception {
    // The last base64 character before padding carries unused bits; setting them spells the same
    // bytes a second way, which a signed document must not allow.
    KeyAnnouncement padded = withPadding();
    ObjectNode document = tree(padded);
    ArrayNode lines = lines(document);
    String last = lines.get(lines.size() - 1).asText();
    String stripped = last.replace("=", "");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char bumped = alphabet.charAt(alphabet.indexOf(stripped.charAt(stripped.length() - 1)) + 1);
    lines.set(
        lines.size() - 1,
        stripped.substring(0, stripped.length() - 1)
            + bumped
            + "=".repeat(last.length() - stripped.length()));

    assertThatThrownBy(() -> codec.decode(PLAIN.writeValueAsBytes(document), KeyAnnouncement.class))
        .isInstanceOf(PayloadException.class)
        .hasMessage("certificate: must be canonical base64");
  }

  /** An announcement whose base64 ends in padding (two certificates in three do). */
  private static KeyAnnouncement withPadding() {
    for (int i = 1; ; i++) {
      Identity identity = TestIdentities.of("padded-" + i);
      KeyAnnouncement announcement =
          KeyAnnouncement.of(ID, identity.id(), "hq", AT, identity.certificate());
      List<String> lines = announcement.certificate();
      if (lines.get(lines.size() - 1).endsWith("=")) {
        return announcement;
      }
    }
  }

  private ObjectNode tree(KeyAnnouncement announcement) throws Exception {
    return (ObjectNode) PLAIN.readTree(codec.encode(announcement));
  }

  private static ArrayNode lines(ObjectNode document) {
    return (ArrayNode) document.get("certificate");
  }

  private static void joinFirstTwo(ArrayNode lines) {
    lines.set(0, lines.get(0).asText() + lines.get(1).asText());
    lines.remove(1);
  }

  private record Bad(String name, Consumer<ObjectNode> mutation, String expected) {}
}
