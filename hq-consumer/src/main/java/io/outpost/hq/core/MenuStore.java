package io.outpost.hq.core;

import java.util.Optional;
import java.util.UUID;

/** Signed menus, one per version; the highest version is current. */
public interface MenuStore {

  Optional<PublishedMenu> current() throws HqException;

  /** Signs and stores the next version in one transaction, so that versions never repeat. */
  PublishedMenu publishNext(MenuSigner signer) throws HqException;

  /** Signs the next menu, of version {@code next} or higher. */
  @FunctionalInterface
  interface MenuSigner {
    Signed sign(long next) throws HqException;
  }

  /** A signed menu: its version, message id and bytes. */
  record Signed(long version, UUID messageId, byte[] bytes) {}
}
