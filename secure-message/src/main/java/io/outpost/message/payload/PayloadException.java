package io.outpost.message.payload;

/**
 * A payload document that is not acceptable: the JSON path of the offending field and what is wrong
 * with it.
 *
 * <p>The message never quotes the rejected value: documents carry sales figures and come from peers
 * that are not trusted, so neither belongs in a log line.
 */
public final class PayloadException extends Exception {

  /** The path that names the whole document rather than one field. */
  public static final String DOCUMENT = "$";

  private final String field;
  private final String problem;

  public PayloadException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The JSON path of the field, such as {@code lines[3].quantity}, or {@link #DOCUMENT}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, for a person to read. */
  public String problem() {
    return problem;
  }
}
