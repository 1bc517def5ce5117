package io.outpost.outlet;

import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Small sales days for the tests. */
final class Sales {

  private Sales() {}

  static SalesDay day(LocalDate date) {
    return new SalesDay(
        date,
        Currency.getInstance("EUR"),
        List.of(
            new SalesLine("BRG-CLASSIC", "Classic burger", 10, 890),
            new SalesLine("FRIES-L", "Large fries", 7, 390)));
  }

  static String json(LocalDate date) {
    return "{\"businessDate\":\""
        + date
        + "\",\"currency\":\"EUR\",\"lines\":["
        + "{\"sku\":\"BRG-CLASSIC\",\"name\":\"Classic burger\",\"quantity\":10,\"unitPrice\":890},"
        + "{\"sku\":\"FRIES-L\",\"name\":\"Large fries\",\"quantity\":7,\"unitPrice\":390}]}";
  }

  static Path file(Path dir, LocalDate date) throws Exception {
    Path file = dir.resolve("sales-" + date + ".json");
    Files.writeString(file, json(date), StandardCharsets.UTF_8);
    return file;
  }
}
