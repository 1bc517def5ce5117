package io.outpost.hq.core;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A menu version as HQ signed it once; the signed bytes are what every outlet receives. */
public record PublishedMenu(long version, UUID messageId, byte[] signed, Instant publishedAt) {

  public PublishedMenu {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(publishedAt, "publishedAt");
    if (version < 1) {
      throw new IllegalArgumentException("menu versions start at 1, was " + version);
    }
  }
}
