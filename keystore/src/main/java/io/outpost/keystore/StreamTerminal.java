package io.outpost.keystore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A stream standing in for the terminal: prompts go to {@code prompts}, one line per password. */
public final class StreamTerminal implements Passwords.Terminal {

  private final Reader reader;
  private final PrintStream prompts;

  public StreamTerminal(InputStream in, PrintStream prompts) {
    // One reader for all prompts: it buffers, so a second reader would miss the repeated password.
    this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    this.prompts = prompts;
  }

  @Override
  public char[] readPassword(String prompt) throws IOException {
    prompts.print(prompt);
    prompts.flush();
    char[] line = new char[64];
    int length = 0;
    int c;
    while ((c = reader.read()) != -1 && c != '\n') {
      if (length == line.length) {
        char[] longer = Arrays.copyOf(line, line.length * 2);
        Arrays.fill(line, '\0');
        line = longer;
      }
      line[length++] = (char) c;
    }
    if (c == -1 && length == 0) {
      return null;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    char[] password = Arrays.copyOf(line, length);
    Arrays.fill(line, '\0');
    return password;
  }
}
