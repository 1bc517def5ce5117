package io.outpost.outlet;

import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Menu;
import io.outpost.outlet.OutletException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The last verified menu, kept as the signed bytes HQ sent. It is verified again on every read, so
 * a file altered on disk is refused rather than shown; a menu older than the cached one is refused,
 * so a replayed old menu cannot roll prices back.
 */
final class MenuCache {

  static final String FILE = "menu.p7s";

  private final Path dir;
  private final SecureMessages messages;
  private final String hqId;

  MenuCache(Path dir, SecureMessages messages, String hqId) {
    this.dir = dir;
    this.messages = messages;
    this.hqId = hqId;
  }

  /** A verified menu and when it was cached. */
  record CachedMenu(Menu menu, Instant cachedAt) {}

  /**
   * The cached menu, verified again.
   *
   * @throws OutletException REFUSED when the cached file no longer verifies
   */
  Optional<CachedMenu> current() throws OutletException {
    Path file = dir.resolve(FILE);
    byte[] signed;
    Instant cachedAt;
    try {
      signed = Files.readAllBytes(file);
      cachedAt = Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new OutletException(
          Reason.IO, "cannot read the cached menu " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(new CachedMenu(verify(signed).payload(), cachedAt));
    } catch (SecureMessageException e) {
      throw new OutletException(
          Reason.REFUSED,
          "the cached menu "
              + file
              + " no longer verifies ("
              + e.reason()
              + ": "
              + e.getMessage()
              + "); delete it and run 'outlet menu' while online",
          e);
    }
  }

  /**
   * Verifies a signed menu from HQ and caches it unless the cache holds a newer version. The same
   * version again is accepted and refreshes the cache time.
   *
   * @throws OutletException REFUSED when it does not verify, STALE_MENU when it is older
   */
  CachedMenu store(byte[] signed) throws OutletException {
    Verified<Menu> verified;
    try {
      verified = verify(signed);
    } catch (SecureMessageException e) {
      throw new OutletException(
          Reason.REFUSED, "refused a menu (" + e.reason() + "): " + e.getMessage(), e);
    }
    Menu menu = verified.payload();
    Optional<CachedMenu> cached = currentOrNothing();
    if (cached.isPresent() && menu.version() < cached.get().menu().version()) {
      throw new OutletException(
          Reason.STALE_MENU,
          "refused menu version "
              + menu.version()
              + ": version "
              + cached.get().menu().version()
              + " is already cached");
    }
    Path file = dir.resolve(FILE);
    try {
      DurableFiles.createDirectories(dir);
      DurableFiles.replace(file, signed);
      return new CachedMenu(menu, Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      throw new OutletException(
          Reason.IO, "cannot cache the menu in " + file + ": " + e.getMessage(), e);
    }
  }

  /** A cache that no longer verifies is replaced by a menu that does. */
  private Optional<CachedMenu> currentOrNothing() throws OutletException {
    try {
      return current();
    } catch (OutletException e) {
      if (e.reason() == Reason.REFUSED) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Verified<Menu> verify(byte[] signed) throws SecureMessageException {
    Verified<Menu> verified = messages.openSigned(signed, Menu.class);
    if (!verified.signerId().equals(hqId)) {
      throw new SecureMessageException(
          SecureMessageException.Reason.UNKNOWN_SENDER,
          "the menu is signed by " + verified.signerId() + ", not by " + hqId);
    }
    return verified;
  }
}
