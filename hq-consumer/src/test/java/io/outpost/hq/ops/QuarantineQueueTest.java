package io.outpost.hq.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.hq.core.HqException;
import org.junit.jupiter.api.Test;

class QuarantineQueueTest {

  private static final String ID = "9440e457-e9bc-11f1-a685-02fc00000001";

  @Test
  void selector_uuidWithOrWithoutPrefix_selectsThatMessageId() throws Exception {
    assertThat(QuarantineQueue.selector(ID)).isEqualTo("JMSMessageID = 'ID:" + ID + "'");
    assertThat(QuarantineQueue.selector("ID:" + ID.toUpperCase()))
        .isEqualTo("JMSMessageID = 'ID:" + ID + "'");
  }

  @Test
  void selector_anythingButAUuid_throwsNotFoundSoNoTextReachesTheSelector() {
    for (String hostile : new String[] {"x' OR '1'='1", ID + "' OR 1=1 --", "", "ID:"}) {
      assertThatThrownBy(() -> QuarantineQueue.selector(hostile))
          .as(hostile)
          .isInstanceOfSatisfying(
              HqException.class,
              e -> assertThat(e.reason()).isEqualTo(HqException.Reason.NOT_FOUND));
    }
  }

  @Test
  void terminalText_controlCharacters_areReplaced() {
    assertThat(TerminalText.safe("outlet-b\u001b[2J\r\n")).isEqualTo("outlet-b?[2J??");
    assertThat(TerminalText.safe(null)).isEqualTo("-");
  }
}
