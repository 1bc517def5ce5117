package io.outpost.message.cms;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;

/** An RSA private key that counts every read of its private parts: a private-key operation. */
final class CountingRsaKey implements RSAPrivateCrtKey {

  private final RSAPrivateCrtKey key;
  private final AtomicInteger reads = new AtomicInteger();

  CountingRsaKey(RSAPrivateCrtKey key) {
    this.key = key;
  }

  int reads() {
    return reads.get();
  }

  private <T> T counted(T value) {
    reads.incrementAndGet();
    return value;
  }

  @Override
  public BigInteger getPublicExponent() {
    return key.getPublicExponent();
  }

  @Override
  public BigInteger getModulus() {
    return key.getModulus();
  }

  @Override
  public AlgorithmParameterSpec getParams() {
    return key.getParams();
  }

  @Override
  public BigInteger getPrivateExponent() {
    return counted(key.getPrivateExponent());
  }

  @Override
  public BigInteger getPrimeP() {
    return counted(key.getPrimeP());
  }

  @Override
  public BigInteger getPrimeQ() {
    return counted(key.getPrimeQ());
  }

  @Override
  public BigInteger getPrimeExponentP() {
    return counted(key.getPrimeExponentP());
  }

  @Override
  public BigInteger getPrimeExponentQ() {
    return counted(key.getPrimeExponentQ());
  }

  @Override
  public BigInteger getCrtCoefficient() {
    return counted(key.getCrtCoefficient());
  }

  @Override
  public String getAlgorithm() {
    return key.getAlgorithm();
  }

  @Override
  public String getFormat() {
    return key.getFormat();
  }

  @Override
  public byte[] getEncoded() {
    return counted(key.getEncoded());
  }
}
