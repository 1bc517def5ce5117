package io.outpost.keystore;

import java.util.regex.Pattern;

/** Party ids name certificates, directories and broker addresses, so they are kept plain. */
public final class PartyIds {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private PartyIds() {}

  public static void check(String id) throws KeystoreException {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new KeystoreException(
          KeystoreException.Reason.INVALID_ARGUMENT,
          "party id '"
              + id
              + "' is not valid; use 1 to 63 lower-case letters, digits and '-', starting with a"
              + " letter or digit (e.g. hq, outlet-042)");
    }
  }

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
