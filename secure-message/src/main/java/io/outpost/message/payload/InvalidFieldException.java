package io.outpost.message.payload;

/**
 * A value a payload record refuses, naming the field relative to that record; the codec turns it
 * into a {@link PayloadException} with the full JSON path.
 */
final class InvalidFieldException extends IllegalArgumentException {

  private final String field;
  private final String problem;

  InvalidFieldException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  String field() {
    return field;
  }

  String problem() {
    return problem;
  }
}
