package io.outpost.message.cms;

import static io.outpost.message.cms.Parties.OUTLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The opened-message value: copies, digest consistency, and a toString that hides the payload. */
class OpenedMessageTest {

  private static final byte[] PAYLOAD =
      "{\"total\":{\"minor\":123456,\"currency\":\"EUR\"}}".getBytes(StandardCharsets.UTF_8);

  @Test
  void arrays_areCopiedInAndOut() {
    byte[] payload = PAYLOAD.clone();
    byte[] evidence = {1, 2, 3};
    OpenedMessage opened = message(payload, evidence);

    payload[0] = 'X';
    evidence[0] = 9;
    opened.payload()[1] = 'Y';
    opened.innerSignedData()[1] = 9;

    assertThat(opened.payload()).isEqualTo(PAYLOAD);
    assertThat(opened.innerSignedData()).containsExactly(1, 2, 3);
  }

  @Test
  void constructor_digestNotOfThePayload_throws() {
    assertThatThrownBy(
            () ->
                new OpenedMessage(
                    TestIdentities.pin(OUTLET),
                    PAYLOAD,
                    new byte[] {1},
                    OpenedMessage.sha256Hex(new byte[0]),
                    Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_namesSignerAndDigestButNotThePayload() {
    OpenedMessage opened = message(PAYLOAD, new byte[] {1});

    assertThat(opened.toString())
        .contains("outlet-001", opened.contentDigest())
        .doesNotContain("123456", "EUR");
  }

  @Test
  void equals_comparesContent() {
    Instant at = Instant.now();
    OpenedMessage one =
        new OpenedMessage(
            TestIdentities.pin(OUTLET),
            PAYLOAD,
            new byte[] {1},
            OpenedMessage.sha256Hex(PAYLOAD),
            at);
    OpenedMessage same =
        new OpenedMessage(
            TestIdentities.pin(OUTLET),
            PAYLOAD.clone(),
            new byte[] {1},
            OpenedMessage.sha256Hex(PAYLOAD),
            at);

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(one).isNotEqualTo(message(PAYLOAD, new byte[] {2}));
  }

  private static OpenedMessage message(byte[] payload, byte[] evidence) {
    return new OpenedMessage(
        TestIdentities.pin(OUTLET),
        payload,
        evidence,
        OpenedMessage.sha256Hex(payload),
        Instant.now());
  }
}
