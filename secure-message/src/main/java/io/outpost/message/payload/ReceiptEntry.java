package io.outpost.message.payload;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What HQ did with one closing: the closing's message id, the SHA-256 of the payload bytes HQ
 * holds, and the outcome. A rejection carries a short reason code and never the detail, which stays
 * with HQ's operators.
 */
public record ReceiptEntry(
    UUID messageId,
    String contentDigest,
    LocalDate businessDate,
    long sequence,
    Outcome outcome,
    @JsonSetter(nulls = Nulls.SET) String reason) {

  private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

  /** What became of a closing at HQ. */
  public enum Outcome {
    /** HQ stored the closing. */
    STORED,
    /** HQ had already stored this message id; the entry describes the stored closing. */
    DUPLICATE,
    /** HQ refused the closing; {@code reason} says why in a short code. */
    REJECTED
  }

  public ReceiptEntry {
    Checks.present("messageId", messageId);
    Checks.sha256Hex("contentDigest", contentDigest);
    Checks.date("businessDate", businessDate);
    Checks.atLeast("sequence", sequence, 1);
    Checks.present("outcome", outcome);
    if (outcome == Outcome.REJECTED) {
      if (reason == null || !REASON_CODE.matcher(reason).matches()) {
        throw new InvalidFieldException(
            "reason", "must be a code of 1 to 48 of A-Z, 0-9 and '_' when the outcome is REJECTED");
      }
    } else if (reason != null) {
      throw new InvalidFieldException("reason", "must be null unless the outcome is REJECTED");
    }
  }
}
