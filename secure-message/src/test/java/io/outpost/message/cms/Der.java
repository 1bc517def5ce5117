package io.outpost.message.cms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds fields in DER by position, so that tests can flip one byte of exactly the field they mean.
 * Definite lengths only (DER); a primitive OCTET STRING's children are the DER it wraps.
 */
final class Der {

  private Der() {}

  /** One tag-length-value: where it starts, where its value starts, where it ends. */
  record Tlv(int tag, int start, int valueStart, int end) {
    int valueLength() {
      return end - valueStart;
    }

    boolean isConstructed() {
      return (tag & 0x20) != 0;
    }

    /** A position inside the value, for flips that keep the encoding parseable. */
    int middle() {
      return valueStart + valueLength() / 2;
    }
  }

  static Tlv root(byte[] der) {
    return at(der, 0);
  }

  static Tlv at(byte[] der, int offset) {
    int tag = der[offset] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new IllegalArgumentException("multi-byte tags are not used by CMS at " + offset);
    }
    int first = der[offset + 1] & 0xFF;
    int length;
    int valueStart;
    if (first < 0x80) {
      length = first;
      valueStart = offset + 2;
    } else {
      int octets = first & 0x7F;
      if (octets == 0 || octets > 4) {
        throw new IllegalArgumentException("not a DER length at " + offset);
      }
      length = 0;
      for (int i = 0; i < octets; i++) {
        length = (length << 8) | (der[offset + 2 + i] & 0xFF);
      }
      valueStart = offset + 2 + octets;
    }
    return new Tlv(tag, offset, valueStart, valueStart + length);
  }

  static List<Tlv> children(byte[] der, Tlv parent) {
    List<Tlv> children = new ArrayList<>();
    for (int offset = parent.valueStart(); offset < parent.end(); ) {
      Tlv child = at(der, offset);
      children.add(child);
      offset = child.end();
    }
    return children;
  }

  static Tlv child(byte[] der, Tlv parent, int index) {
    return children(der, parent).get(index);
  }

  /** Descends from the root through the given child indexes. */
  static Tlv path(byte[] der, int... indexes) {
    Tlv current = root(der);
    for (int index : indexes) {
      current = child(der, current, index);
    }
    return current;
  }

  static byte[] bytes(byte[] der, Tlv tlv) {
    return Arrays.copyOfRange(der, tlv.start(), tlv.end());
  }

  static byte[] value(byte[] der, Tlv tlv) {
    return Arrays.copyOfRange(der, tlv.valueStart(), tlv.end());
  }

  static byte[] flip(byte[] der, int position) {
    return flip(der, position, 0x01);
  }

  static byte[] flip(byte[] der, int position, int mask) {
    byte[] copy = der.clone();
    copy[position] ^= (byte) mask;
    return copy;
  }

  /** The same bytes with {@code tlv}'s value replaced by {@code replacement} of equal length. */
  static byte[] replaceValue(byte[] der, Tlv tlv, byte[] replacement) {
    if (replacement.length != tlv.valueLength()) {
      throw new IllegalArgumentException("replacement must keep the length");
    }
    byte[] copy = der.clone();
    System.arraycopy(replacement, 0, copy, tlv.valueStart(), replacement.length);
    return copy;
  }
}
