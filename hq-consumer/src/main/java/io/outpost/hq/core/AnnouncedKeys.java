package io.outpost.hq.core;

import io.outpost.message.Verified;
import io.outpost.message.payload.KeyAnnouncement;

/**
 * Where certificates that outlets announce wait for a person to confirm them (outbound port).
 * Nothing is pinned here: a certificate becomes trusted only by {@code hq keys confirm}.
 */
public interface AnnouncedKeys {

  /** What became of an announcement that verified. */
  enum Kept {
    /** Kept as pending; an operator confirms it after comparing the fingerprint. */
    PENDING,
    /** The same certificate was pending already. */
    ALREADY_PENDING,
    /** The certificate is pinned already (an announcement sent again). */
    ALREADY_PINNED
  }

  /**
   * Keeps a verified announcement as pending.
   *
   * @throws HqException VERIFICATION when the certificate may not become a pin (expired, not
   *     self-signed, revoked, another party's); IO when it cannot be written (transient)
   */
  Kept keep(Verified<KeyAnnouncement> announcement) throws HqException;
}
