package io.outpost.message.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Turning a {@link MenuDraft} into a {@link Menu}. */
class MenuDraftTest {

  private final MenuDraft draft = SamplePayloads.menuDraft();

  @Test
  void toMenu_addressesAllOutletsWithTheDraftsContent() {
    UUID id = UUID.randomUUID();

    Menu menu = draft.toMenu(id, "hq", SamplePayloads.CREATED_AT);

    assertThat(menu.schema()).isEqualTo(Menu.SCHEMA);
    assertThat(menu.to()).isEqualTo(Menu.AUDIENCE);
    assertThat(menu.messageId()).isEqualTo(id);
    assertThat(menu.from()).isEqualTo("hq");
    assertThat(menu.version()).isEqualTo(draft.version());
    assertThat(menu.validFrom()).isEqualTo(draft.validFrom());
    assertThat(menu.items()).isEqualTo(draft.items());
  }

  @Test
  void toMenu_fromTheAudience_throwsNamingTo() {
    assertThatThrownBy(
            () -> draft.toMenu(UUID.randomUUID(), Menu.AUDIENCE, SamplePayloads.CREATED_AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("to:");
  }

  @Test
  void constructor_repeatedSku_throwsNamingTheSecondItem() {
    List<MenuItem> items =
        List.of(
            new MenuItem("BRG-CLASSIC", "Classic burger", 890),
            new MenuItem("BRG-CLASSIC", "Classic burger, again", 900));

    assertThatThrownBy(() -> new MenuDraft(1, draft.validFrom(), draft.currency(), items))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("items[1].sku:");
  }
}
