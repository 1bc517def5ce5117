package io.outpost.hq.ops;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A message in {@code outpost.quarantine}, as HQ left it there: its routing properties and the size
 * and digest of its body. The body itself (sealed or signed bytes) is never shown.
 *
 * @param id the broker's message id, without the {@code ID:} prefix
 * @param quarantinedAt when HQ sent it to quarantine
 * @param reason HQ's reason code, e.g. UNKNOWN_SENDER
 * @param claimedFrom the sender the original message claimed (not verified)
 * @param brokerUser the login the broker validated for the original sender
 * @param originalId the original's duplicate id (the payload's message id for Outpost's senders)
 * @param bodySha256 lower-case hex SHA-256 of the body
 * @param properties every property of the quarantined message, as text
 */
public record QuarantinedMessage(
    String id,
    Instant quarantinedAt,
    String reason,
    String detail,
    String type,
    String claimedFrom,
    String brokerUser,
    String originalId,
    int size,
    String bodySha256,
    Map<String, String> properties) {

  public QuarantinedMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(quarantinedAt, "quarantinedAt");
    Objects.requireNonNull(bodySha256, "bodySha256");
    properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }
}
