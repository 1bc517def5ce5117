package io.outpost.hq.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How HQ's health, metrics and status page are served.
 *
 * @param bindAddress the address the HTTP server listens on (127.0.0.1 keeps it on the host)
 * @param port the port; 0 picks a free one
 * @param admin the broker's admin login for queue depths and the quarantine, or null to show
 *     neither
 * @param keyDir HQ's key directory, re-read at each refresh so that new pins and revocations show;
 *     null to keep the trust store the service started with
 * @param refresh how often the status is collected
 * @param zone the time zone whose date is "today" for closings
 */
public record OpsSettings(
    String bindAddress, int port, BrokerLogin admin, Path keyDir, Duration refresh, ZoneId zone) {

  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  public OpsSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(zone, "zone");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive");
    }
  }
}
