package io.outpost.message.cms;

import static io.outpost.message.SecureMessageException.Reason.MALFORMED;

import io.outpost.message.SecureMessageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.ContentInfo;

/**
 * Reads one layer of a message as a ContentInfo of an expected type.
 *
 * <p>Outpost writes every layer as a complete ContentInfo; RFC 5652 read literally puts the bare
 * structure inside the layer above, and other tools do so. A bare layer is recognised because a
 * ContentInfo starts with an OID and neither SignedData nor AuthEnvelopedData does; it is given a
 * ContentInfo around its exact bytes.
 */
final class Layers {

  private Layers() {}

  /** A layer as a ContentInfo and the exact DER of that ContentInfo. */
  record Layer(ContentInfo contentInfo, byte[] encoded) {}

  static Layer read(byte[] bytes, ASN1ObjectIdentifier type, boolean bareAllowed, String name)
      throws SecureMessageException {
    ASN1Sequence sequence;
    try {
      sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
    } catch (IOException | RuntimeException e) {
      throw new SecureMessageException(
          MALFORMED, name + " is not a DER structure: " + e.getMessage(), e);
    }
    if (sequence == null || sequence.size() == 0) {
      throw new SecureMessageException(MALFORMED, name + " is empty");
    }
    if (sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier) {
      ContentInfo contentInfo;
      try {
        contentInfo = ContentInfo.getInstance(sequence);
      } catch (RuntimeException e) {
        throw new SecureMessageException(
            MALFORMED, name + " is not a CMS ContentInfo: " + e.getMessage(), e);
      }
      if (!type.equals(contentInfo.getContentType()) || contentInfo.getContent() == null) {
        throw new SecureMessageException(
            MALFORMED,
            name + " is a ContentInfo of type " + contentInfo.getContentType() + ", not " + type);
      }
      return new Layer(contentInfo, bytes);
    }
    if (!bareAllowed) {
      throw new SecureMessageException(MALFORMED, name + " is not a CMS ContentInfo");
    }
    return new Layer(new ContentInfo(type, sequence), contentInfoAround(type, bytes));
  }

  /** SEQUENCE { type, [0] EXPLICIT content } around content's exact bytes. */
  static byte[] contentInfoAround(ASN1ObjectIdentifier type, byte[] content) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 32);
      body.write(type.getEncoded(ASN1Encoding.DER));
      body.write(0xA0);
      writeLength(body, content.length);
      body.write(content);
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8);
      out.write(0x30);
      writeLength(out, body.size());
      body.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory encoding failed", e);
    }
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | octets);
    for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
      out.write(length >>> shift);
    }
  }
}
