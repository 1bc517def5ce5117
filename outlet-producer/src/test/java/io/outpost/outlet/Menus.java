package io.outpost.outlet;

import io.outpost.message.SecureMessages;
import io.outpost.message.payload.Menu;
import io.outpost.message.payload.MenuItem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** Menus signed by whoever the test says. */
final class Menus {

  private Menus() {}

  static Menu menu(String from, long version) {
    return new Menu(
        UUID.randomUUID(),
        from,
        Instant.now(),
        version,
        LocalDate.of(2025, 11, 24),
        Currency.getInstance("EUR"),
        List.of(
            new MenuItem("BRG-CLASSIC", "Classic burger", 890 + version),
            new MenuItem("FRIES-L", "Large fries", 390)));
  }

  static byte[] signed(SecureMessages signer, long version) throws Exception {
    return signer.sign(menu(signer.selfId(), version));
  }
}
