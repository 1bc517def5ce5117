package io.outpost.message.payload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Valid payloads with fixed values, for tests to encode, mutate and compare. */
final class SamplePayloads {

  static final Currency EUR = Currency.getInstance("EUR");
  static final UUID CLOSING_ID = UUID.fromString("3f1c2a9e-7d4b-4e8f-9a6c-2b5d8e1f0a37");
  static final UUID EARLIER_CLOSING_ID = UUID.fromString("9b2e4f61-0c3a-4d7e-8f15-6a9c0b3d2e84");
  static final String PREVIOUS_DIGEST =
      "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
  static final String OTHER_DIGEST =
      "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  static final Instant CREATED_AT = Instant.parse("2024-05-01T21:30:00Z");
  static final LocalDate BUSINESS_DATE = LocalDate.parse("2024-05-01");

  private SamplePayloads() {}

  static SalesDay salesDay() {
    return new SalesDay(
        BUSINESS_DATE,
        EUR,
        List.of(
            new SalesLine("BRG-CLASSIC", "Classic burger", 41, 890),
            new SalesLine("WRP-FALAFEL", "Falafel wrap", 17, 750),
            new SalesLine("COF-CAFE-AU-LAIT", "Café au lait", 23, 310)));
  }

  static Closing closing() {
    return salesDay()
        .toClosing(CLOSING_ID, "outlet-042", "hq", CREATED_AT, 7, PREVIOUS_DIGEST, null);
  }

  static MenuRequest menuRequest() {
    return new MenuRequest(
        UUID.fromString("0d7f3b2a-5c1e-4a9b-8e6d-4f2a1c3b5d7e"),
        "outlet-042",
        "hq",
        Instant.parse("2024-05-01T06:05:12.250Z"),
        41);
  }

  static MenuDraft menuDraft() {
    return new MenuDraft(
        42,
        LocalDate.parse("2024-05-01"),
        EUR,
        List.of(
            new MenuItem("BRG-CLASSIC", "Classic burger", 890),
            new MenuItem("WRP-FALAFEL", "Falafel wrap", 750),
            new MenuItem("DSR-CREME-BRULEE", "Crème brûlée", 450)));
  }

  static Menu menu() {
    return menuDraft()
        .toMenu(
            UUID.fromString("6a1d9e4c-2b7f-4c3a-9d8e-1f5b7a2c4e6d"),
            "hq",
            Instant.parse("2024-04-30T18:00:00Z"));
  }

  static Receipt receipt() {
    return new Receipt(
        UUID.fromString("c4e8a2f6-1b3d-4f5a-8c7e-9d0b2a4c6e8f"),
        "hq",
        "outlet-042",
        Instant.parse("2024-05-01T21:31:07.123456Z"),
        List.of(
            new ReceiptEntry(
                CLOSING_ID, PREVIOUS_DIGEST, BUSINESS_DATE, 7, ReceiptEntry.Outcome.STORED, null),
            new ReceiptEntry(
                EARLIER_CLOSING_ID,
                OTHER_DIGEST,
                BUSINESS_DATE.minusDays(1),
                6,
                ReceiptEntry.Outcome.DUPLICATE,
                null),
            new ReceiptEntry(
                UUID.fromString("1e3a5c7e-9b2d-4f6a-8c0e-2a4c6e8a0b1d"),
                OTHER_DIGEST,
                BUSINESS_DATE.minusDays(2),
                5,
                ReceiptEntry.Outcome.REJECTED,
                "SEQUENCE_FORK")));
  }
}
