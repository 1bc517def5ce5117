package io.outpost.message.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A document that travels signed between an outlet and HQ. Its header names the schema, the
 * message, the sender and the recipient, so that a signature over the document binds all four.
 */
public sealed interface Payload permits Closing, MenuRequest, Menu, Receipt, KeyAnnouncement {

  /** The schema name and version, such as {@code outpost.closing/1}. */
  String schema();

  /** Unique per message; HQ keeps it for ever to answer replays. */
  UUID messageId();

  /** The sending party's id. */
  String from();

  /** The receiving party's id ({@link Menu#AUDIENCE} for a menu). */
  String to();

  /** When the sender made the document. */
  Instant createdAt();
}
