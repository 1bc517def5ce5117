package io.outpost.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustStore;
import io.outpost.message.SecureMessageException.Reason;
import io.outpost.message.cms.CmsSealer;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuDraft;
import io.outpost.message.payload.MenuItem;
import io.outpost.message.payload.MenuRequest;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.Receipt;
import io.outpost.message.payload.ReceiptEntry;
import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecureMessagesTest {

  private static final Identity HQ = TestIdentities.of("hq");
  private static final Identity OUTLET = TestIdentities.of("outlet-1");
  private static final Identity OTHER_OUTLET = TestIdentities.of("outlet-2");
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final LocalDate DAY = LocalDate.parse("2026-11-25");

  private final Clock clock = Clock.systemUTC();
  private final SecureMessages hq =
      new SecureMessages(
          HQ,
          TrustStore.of(List.of(TestIdentities.pin(OUTLET), TestIdentities.pin(OTHER_OUTLET))),
          clock);
  private final SecureMessages outlet =
      new SecureMessages(OUTLET, TrustStore.of(List.of(TestIdentities.pin(HQ))), clock);
  private final SecureMessages otherOutlet =
      new SecureMessages(OTHER_OUTLET, TrustStore.of(List.of(TestIdentities.pin(HQ))), clock);

  private static Closing closing(String from, String to) {
    SalesDay day =
        new SalesDay(
            DAY,
            EUR,
            List.of(
                new SalesLine("BRG-1", "Classic burger", 12, 890),
                new SalesLine("DRK-1", "Lemonade", 30, 350)));
    return day.toClosing(UUID.randomUUID(), from, to, Instant.now(), 1, null, null);
  }

  @Test
  void openClosing_sealedByPinnedOutlet_returnsPayloadBoundToSigner() throws Exception {
    Closing sent = closing("outlet-1", "hq");
    byte[] sealed = outlet.sealClosing(sent);

    Verified<Closing> opened = hq.openClosing(sealed);

    assertThat(opened.payload()).isEqualTo(sent);
    assertThat(opened.signerId()).isEqualTo("outlet-1");
    assertThat(opened.contentDigest())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(opened.payloadBytes())));
    assertThat(opened.evidence()).isNotEmpty();
  }

  @Test
  void sealedClosing_doesNotContainThePlaintext() throws Exception {
    byte[] sealed = outlet.sealClosing(closing("outlet-1", "hq"));

    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Classic burger")
        .doesNotContain("BRG-1");
  }

  @Test
  void readOwnClosing_sender_readsBackItsOutboxEntry() throws Exception {
    Closing sent = closing("outlet-1", "hq");

    assertThat(outlet.readOwnClosing(outlet.sealClosing(sent)).payload()).isEqualTo(sent);
  }

  @Test
  void readOwnClosing_anotherOutletsClosing_throwsNotForUs() throws Exception {
    byte[] sealed = outlet.sealClosing(closing("outlet-1", "hq"));

    assertThatThrownBy(() -> otherOutlet.readOwnClosing(sealed))
        .isInstanceOfSatisfying(
            SecureMessageException.class,
            e -> assertThat(e.reason()).isIn(Reason.UNKNOWN_SENDER, Reason.NOT_FOR_US));
  }

  @Test
  void sealClosing_payloadFromAnotherParty_isRefusedBeforeSigning() {
    assertThatThrownBy(() -> outlet.sealClosing(closing("outlet-2", "hq")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outlet-2");
  }

  @Test
  void openClosing_outletSigningInAnotherOutletsName_throwsSenderMismatch() throws Exception {
    // outlet-1 seals, with its own pinned key, a payload that claims to come from outlet-2: every
    // signature verifies, so only the binding of `from` to the signer catches it.
    byte[] forged =
        new CmsSealer(OUTLET, clock)
            .seal(new PayloadCodec().encode(closing("outlet-2", "hq")), HQ.certificate());

    assertThatThrownBy(() -> hq.openClosing(forged))
        .isInstanceOfSatisfying(
            SecureMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SENDER_MISMATCH));
  }

  @Test
  void openClosing_impostorWithItsOwnKeyForAPinnedId_throwsUnknownSender() throws Exception {
    SecureMessages impostor =
        new SecureMessages(
            TestIdentities.fresh("outlet-2"), TrustStore.of(List.of(TestIdentities.pin(HQ))), clock);
    byte[] sealed = impostor.sealClosing(closing("outlet-2", "hq"));

    assertThatThrownBy(() -> hq.openClosing(sealed))
        .isInstanceOfSatisfying(
            SecureMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SENDER));
  }

  @Test
  void openClosing_closingAddressedToAnotherParty_throwsNotForUs() throws Exception {
    // Surreptitious forwarding: a closing outlet-1 sealed for "hq-old" reaches hq, which can decrypt
    // only because it is also a recipient here; the signed `to` says it was not meant for hq.
    byte[] forwarded =
        new CmsSealer(OUTLET, clock)
            .seal(new PayloadCodec().encode(closing("outlet-1", "hq-old")), HQ.certificate());

    assertThatThrownBy(() -> hq.openClosing(forwarded))
        .isInstanceOfSatisfying(
            SecureMessageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOR_US));
  }

  @Test
  void openSigned_receiptForAnotherOutlet_throwsNotForUs() throws Exception {
    Receipt receipt =
        new Receipt(
            UUID.randomUUID(),
            "hq",
            "outlet-2",
            Instant.now(),
            List.of(
                new ReceiptEntry(
                    UUID.randomUUID(), "ab".repeat(32), DAY, 1, ReceiptEntry.Outcome.STORED, null)));
    byte[] signed = hq.sign(receipt);

    assertThat(otherOutlet.openSigned(signed, Receipt.class).payload()).isEqualTo(receipt);
    assertThatThrownBy(() -> outlet.openSigned(signed, Receipt.class))
        .isInstanceOfSatisfying(
            SecureMessageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOR_US));
  }

  @Test
  void openSigned_menu_isAddressedToEveryOutlet() throws Exception {
    Menu menu =
        new MenuDraft(3, DAY, EUR, List.of(new MenuItem("BRG-1", "Classic burger", 890)))
            .toMenu(UUID.randomUUID(), "hq", Instant.now());
    byte[] signed = hq.sign(menu);

    assertThat(outlet.openSigned(signed, Menu.class).payload()).isEqualTo(menu);
    assertThat(otherOutlet.openSigned(signed, Menu.class).payload()).isEqualTo(menu);
  }

  @Test
  void openSigned_unexpectedType_throwsWrongType() throws Exception {
    byte[] request =
        outlet.sign(new MenuRequest(UUID.randomUUID(), "outlet-1", "hq", Instant.now(), 0));

    assertThat(hq.openSigned(request, MenuRequest.class).payload().from()).isEqualTo("outlet-1");
    assertThatThrownBy(() -> hq.openSigned(request, Receipt.class))
        .isInstanceOfSatisfying(
            SecureMessageException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_TYPE));
  }

  @Test
  void openSigned_sealedClosingGivenAsSignedMessage_isRefused() throws Exception {
    byte[] sealed = outlet.sealClosing(closing("outlet-1", "hq"));

    assertThatThrownBy(() -> hq.openSigned(sealed, Closing.class))
        .isInstanceOf(SecureMessageException.class);
  }

  @Test
  void openClosing_signedOnlyClosing_isRefused() throws Exception {
    byte[] signedOnly = outlet.sign(closing("outlet-1", "hq"));

    assertThatThrownBy(() -> hq.openClosing(signedOnly))
        .isInstanceOf(SecureMessageException.class);
  }
}
