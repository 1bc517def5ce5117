package io.outpost.hq.keys;

import io.outpost.hq.core.MessageKeys;
import io.outpost.keystore.Identity;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.TrustStore;
import io.outpost.keystore.rotation.KeyRotation;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.Verified;
import io.outpost.message.payload.Closing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ's keys over time: the primary identity signs receipts and menus; every identity HQ holds (the
 * primary, the prepared next one, former ones still valid) opens closings sealed for it; and all of
 * them verify against the pins as {@link TrustWatch} sees them now.
 *
 * <p>Closings are opened with the primary key first; only a message addressed to none of its
 * recipients is tried with the others, so the usual case costs nothing extra. Thread-safe.
 */
public final class HqKeyring implements MessageKeys {

  private final Identity primary;
  private final List<Identity> others;
  private final TrustWatch trust;
  private final Clock clock;
  private TrustStore builtFor;
  private SecureMessages current;
  private List<SecureMessages> fallbacks;

  public HqKeyring(Identity primary, List<Identity> others, TrustWatch trust, Clock clock) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.others = List.copyOf(others);
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (Identity other : this.others) {
      if (!other.id().equals(primary.id())) {
        throw new IllegalArgumentException(
            "identity " + other.id() + " is not another key of " + primary.id());
      }
    }
  }

  /** How soon a pin or revocation made while HQ runs takes effect. */
  public static final Duration TRUST_CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(HqKeyring.class);

  /**
   * Loads HQ's identities from {@code keyDir} (the primary one, {@code next/} and {@code
   * previous/*}, see {@link KeyRotation}) and watches its trust directory.
   *
   * @param password asked once per identity; each array is cleared after use
   */
  public static HqKeyring load(
      Path keyDir, Supplier<char[]> password, Clock clock, Duration trustCheckInterval)
      throws KeystoreException {
    TrustWatch trust = TrustWatch.of(keyDir, trustCheckInterval);
    Identity primary = KeyFiles.load(keyDir, password.get());
    List<Identity> others =
        KeyRotation.loadOthers(
            keyDir,
            password,
            clock.instant(),
            skipped -> LOG.warn("not opening closings with {}", skipped));
    for (Identity other : others) {
      LOG.info("also opening closings sealed for {}", other);
    }
    return new HqKeyring(primary, others, trust, clock);
  }

  public String id() {
    return primary.id();
  }

  public Identity primary() {
    return primary;
  }

  /** The other identities HQ opens closings with, next first. */
  public List<Identity> others() {
    return others;
  }

  /** The identity directory the keys and pins come from. */
  public Path keyDir() {
    return trust.keyDir();
  }

  /** The pins as they are now. */
  public TrustStore trust() {
    return trust.current();
  }

  @Override
  public synchronized SecureMessages current() {
    refresh();
    return current;
  }

  @Override
  public Verified<Closing> openClosing(byte[] message) throws SecureMessageException {
    SecureMessages primaryMessages;
    List<SecureMessages> otherMessages;
    synchronized (this) {
      refresh();
      primaryMessages = current;
      otherMessages = fallbacks;
    }
    try {
      return primaryMessages.openClosing(message);
    } catch (SecureMessageException e) {
      if (e.reason() != SecureMessageException.Reason.NOT_FOR_US || otherMessages.isEmpty()) {
        throw e;
      }
      for (SecureMessages other : otherMessages) {
        try {
          return other.openClosing(message);
        } catch (SecureMessageException ignored) {
          // Not this key either; the primary key's refusal is the one reported.
        }
      }
      throw e;
    }
  }

  /** Builds the openers again when the pins changed; they are immutable, so this is rare. */
  private void refresh() {
    TrustStore now = trust.current();
    if (now == builtFor) {
      return;
    }
    current = new SecureMessages(primary, now, clock);
    List<SecureMessages> built = new ArrayList<>(others.size());
    for (Identity other : others) {
      built.add(new SecureMessages(other, now, clock));
    }
    fallbacks = List.copyOf(built);
    builtFor = now;
  }
}
