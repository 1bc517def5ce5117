package io.outpost.reliability;

import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.SalesDay;
import io.outpost.message.payload.SalesLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** Days of sales for the suite: small, valid, and different per outlet and day. */
final class Sales {

  /** The first business day of every scenario's outlets. */
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 6);

  private Sales() {}

  static SalesDay day(LocalDate date, int variant) {
    List<SalesLine> lines = new ArrayList<>();
    lines.add(new SalesLine("BRG-CLASSIC", "Classic burger", 10 + variant % 17, 890));
    lines.add(new SalesLine("FRIES-L", "Large fries", 20 + variant % 13, 390));
    lines.add(new SalesLine("COLA-M", "Cola, medium", 15 + date.getDayOfMonth(), 250));
    return new SalesDay(date, Currency.getInstance("EUR"), lines);
  }

  /** {@code count} consecutive business days starting at {@code first}. */
  static List<SalesDay> days(LocalDate first, int count, int variant) {
    List<SalesDay> days = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      days.add(day(first.plusDays(i), variant + i));
    }
    return days;
  }

  /** The day as a sales file for {@code outlet close --sales FILE}. */
  static Path file(Path dir, SalesDay day) {
    try {
      Files.createDirectories(dir);
      return Files.write(
          dir.resolve("sales-" + day.businessDate() + ".json"), new PayloadCodec().encode(day));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
