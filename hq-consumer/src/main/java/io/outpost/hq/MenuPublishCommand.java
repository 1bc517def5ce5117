package io.outpost.hq;

import io.outpost.hq.core.HqException;
import io.outpost.hq.core.MenuPublisher;
import io.outpost.hq.core.PublishedMenu;
import io.outpost.hq.jdbc.Database;
import io.outpost.keystore.Identity;
import io.outpost.message.SecureMessages;
import io.outpost.message.payload.MenuDraft;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hq menu publish FILE}: signs a menu draft as the next version and makes it current. */
@Command(
    name = "publish",
    description = {
      "Sign a menu draft as the next version and make it the current menu.",
      "The draft is JSON (version, validFrom, currency, items); it is signed once for every",
      "outlet, as the version after the current one (or the draft's, if higher)."
    })
final class MenuPublishCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "FILE", description = "The menu draft (JSON).")
  Path file;

  MenuPublishCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    MenuDraft draft = read(file);
    HqConfig settings = config.load(session.env());
    Identity identity = Wiring.identity(settings, session.passwords());
    SecureMessages messages =
        new SecureMessages(identity, Wiring.trust(settings.keyDir()), session.clock());
    PublishedMenu menu;
    try (Database database = Wiring.openDatabase(settings)) {
      menu =
          new MenuPublisher(identity.id(), messages, database.menuStore(), session.clock())
              .publish(draft);
    }
    session
        .out()
        .println(
            "menu version "
                + menu.version()
                + " published ("
                + draft.items().size()
                + " items, message id "
                + menu.messageId()
                + ")");
    return HqCli.OK;
  }

  private static MenuDraft read(Path file) throws HqException {
    try {
      return new PayloadCodec().decodeMenuDraft(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new HqException(
          HqException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (PayloadException e) {
      throw new HqException(
          HqException.Reason.CONFIG, file + " is not a valid menu draft: " + e.getMessage(), e);
    }
  }
}
