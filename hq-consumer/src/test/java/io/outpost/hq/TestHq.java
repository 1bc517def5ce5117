package io.outpost.hq;

import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeyFiles;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An HQ installation on disk, as {@code bin/keystore} would leave it: an identity directory with an
 * encrypted private key, the outlets' certificates pinned, a password file and a properties file
 * pointing at an H2 database in the same directory.
 */
record TestHq(
    Path dir, Identity identity, Path keyDir, Path passwordFile, Path config, String dbUrl) {

  static final String PASSWORD = "correct horse battery staple";

  /** Creates it under {@code dir}, pinning the given outlets. */
  static TestHq create(Path dir, List<Identity> outlets, String brokerUrl) throws Exception {
    Path keyDir = dir.resolve("keys");
    Instant now = Instant.now();
    IdentityGenerator.GeneratedIdentity generated =
        new IdentityGenerator()
            .generate(
                TestBroker.HQ,
                TestIdentities.TEST_BITS,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)));
    KeyFiles.write(keyDir, generated, PASSWORD.toCharArray());
    for (Identity outlet : outlets) {
      TrustDirectory.pin(keyDir, outlet.certificate(), outlet.fingerprint());
    }
    Path passwordFile = Files.writeString(dir.resolve("key.pw"), PASSWORD + "\n");
    Path brokerPasswordFile =
        Files.writeString(dir.resolve("broker.pw"), TestBroker.password(TestBroker.HQ) + "\n");
    String dbUrl =
        "jdbc:h2:file:"
            + dir.resolve("db").resolve("hq")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    Path config =
        Files.writeString(
            dir.resolve("hq.properties"),
            "broker.url="
                + brokerUrl
                + "\n"
                + "broker.user="
                + TestBroker.HQ
                + "\n"
                + "broker.password-file="
                + brokerPasswordFile.getFileName()
                + "\n"
                + "db.url="
                + dbUrl
                + "\n"
                + "key.dir=keys\n"
                + "key.password-file=key.pw\n"
                + "ingest.receive-timeout-ms=100\n");
    return new TestHq(dir, generated.identity(), keyDir, passwordFile, config, dbUrl);
  }

  io.outpost.hq.jdbc.Database.Settings database() {
    return new io.outpost.hq.jdbc.Database.Settings(dbUrl, "sa", "");
  }
}
