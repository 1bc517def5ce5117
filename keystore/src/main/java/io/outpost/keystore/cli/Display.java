package io.outpost.keystore.cli;

import io.outpost.keystore.Certificates;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the commands print certificates: grouped fingerprints and UTC times with days left. */
final class Display {

  /** Certificates expiring within this period get a warning from {@code show}. */
  static final Duration WARN_BEFORE_EXPIRY = Duration.ofDays(30);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Display() {}

  static String fingerprint(X509Certificate certificate) {
    return Certificates.displayFingerprint(Certificates.fingerprint(certificate));
  }

  /** The first two groups, enough to tell a peer's certificates apart in a warning. */
  static String shortFingerprint(X509Certificate certificate) {
    return fingerprint(certificate).substring(0, 9) + "...";
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** "2027-05-01 12:00 UTC (in 730 days)" or "... (expired 3 days ago)". */
  static String expiry(X509Certificate certificate, Instant now) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (notAfter.isBefore(now)) {
      return time(notAfter)
          + " (expired "
          + Duration.between(notAfter, now).toDays()
          + " days ago)";
    }
    return time(notAfter) + " (in " + daysUntil(notAfter, now) + " days)";
  }

  /** Whole days left, rounded up: a certificate made for 730 days shows 730, not 729. */
  private static long daysUntil(Instant notAfter, Instant now) {
    long seconds = Duration.between(now, notAfter).getSeconds();
    return (seconds + Duration.ofDays(1).getSeconds() - 1) / Duration.ofDays(1).getSeconds();
  }

  /** A warning line when the certificate has expired or expires within 30 days, else null. */
  static String expiryWarning(
      String whose, X509Certificate certificate, Instant now, String advice) {
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (notAfter.isBefore(now)) {
      return "warning: " + whose + " expired on " + time(notAfter) + "; " + advice;
    }
    if (notAfter.isBefore(now.plus(WARN_BEFORE_EXPIRY))) {
      return "warning: "
          + whose
          + " expires in "
          + daysUntil(notAfter, now)
          + " days, on "
          + time(notAfter)
          + "; "
          + advice;
    }
    return null;
  }
}
