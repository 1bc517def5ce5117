package io.outpost.reliability;

import io.outpost.keystore.Identity;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One party of the fleet as bin/keystore would leave it: an identity directory with an encrypted
 * private key and pinned peers, the key's password file, and its broker login's password file.
 */
record Party(
    String id,
    Identity identity,
    Path keyDir,
    Path keyPasswordFile,
    String brokerPassword,
    Path brokerPasswordFile) {

  Party {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identity, "identity");
  }

  @Override
  public String toString() {
    return "Party[" + id + "]";
  }
}
