package io.outpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;
import org.junit.jupiter.api.Test;

/** The users-file hash format, checked against Artemis's own verifier. */
class PasswordHashesTest {

  private static final int ITERATIONS = PasswordHashes.MIN_ITERATIONS;

  @Test
  void hash_isVerifiedByArtemisOwnCodec() throws Exception {
    String stored = PasswordHashes.hash("correct-horse-battery".toCharArray(), ITERATIONS);
    String inner = stored.substring("ENC(".length(), stored.length() - 1);

    DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
    codec.init(Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));

    assertThat(codec.verify("correct-horse-battery".toCharArray(), inner)).isTrue();
    assertThat(codec.verify("correct-horse-batterz".toCharArray(), inner)).isFalse();
  }

  @Test
  void hash_storesTheIterationCountAndAFreshSalt() throws BrokerException {
    String first = PasswordHashes.hash("same-password-twice".toCharArray(), 12_345);
    String second = PasswordHashes.hash("same-password-twice".toCharArray(), 12_345);

    assertThat(first).startsWith("ENC(12345:").endsWith(")").isNotEqualTo(second);
    assertThat(PasswordHashes.isHashed(first)).isTrue();
    assertThat(PasswordHashes.matches("same-password-twice".toCharArray(), second)).isTrue();
    assertThat(PasswordHashes.matches("same-password-twicE".toCharArray(), second)).isFalse();
  }

  @Test
  void isHashed_plainOrMalformedValues_areNot() {
    for (String value :
        new String[] {"letmein-letmein", "ENC(abc)", "ENC(1024:00:00)", "", "ENC()"}) {
      assertThat(PasswordHashes.isHashed(value)).as(value).isFalse();
    }
  }

  @Test
  void hash_tooFewIterations_throwsInvalidArgument() {
    assertThatThrownBy(() -> PasswordHashes.hash("long-enough-pw".toCharArray(), 1024))
        .isInstanceOf(BrokerException.class)
        .extracting(e -> ((BrokerException) e).reason())
        .isEqualTo(BrokerException.Reason.INVALID_ARGUMENT);
  }

  @Test
  void hash_shortOrBlankPassword_throwsInvalidArgument() {
    for (String password : new String[] {"short", "has a space in it", ""}) {
      assertThatThrownBy(() -> PasswordHashes.hash(password.toCharArray(), ITERATIONS))
          .as(password)
          .isInstanceOf(BrokerException.class)
          .extracting(e -> ((BrokerException) e).reason())
          .isEqualTo(BrokerException.Reason.INVALID_ARGUMENT);
    }
  }
}
