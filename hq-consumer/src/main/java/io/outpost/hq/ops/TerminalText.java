package io.outpost.hq.ops;

/**
 * Text from the wire made safe for a terminal: a sender controls message properties, and a control
 * character in one could move the cursor or rewrite what an operator sees.
 */
public final class TerminalText {

  private TerminalText() {}

  public static String safe(String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
