package io.outpost.keystore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

  @Test
  void messageId_uuid_isParsed() {
    UUID id = UUID.randomUUID();

    assertThat(Converters.messageId(id.toString())).isEqualTo(id);
  }

  @Test
  void messageId_notAUuid_namesTheValueInWords() {
    for (String bad : new String[] {"yesterday", "1-2-3-4-5", ""}) {
      assertThatThrownBy(() -> Converters.messageId(bad))
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("is not a message id")
          .hasMessageNotContaining("java.");
    }
  }

  @Test
  void date_isoDate_isParsed() {
    assertThat(Converters.date("2026-11-25")).isEqualTo(LocalDate.of(2026, 11, 25));
  }

  @Test
  void date_notADate_namesTheFormat() {
    assertThatThrownBy(() -> Converters.date("25/11/2026"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'25/11/2026' is not a date (YYYY-MM-DD)");
  }
}
