package org.opendispute.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Removes what a photo says beyond its pixels (EXIF with its GPS position, XMP, IPTC, text chunks) before
 * anyone else can download it: a buyer's photo must not give the seller the buyer's home coordinates. The
 * image data itself is copied byte for byte, never re-encoded.
 */
final class ImageMetadata {

    /** JPEG segments that carry metadata: APP1 (EXIF, XMP), APP2-APP15 but ICC profiles (APP2), COM. */
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP15 = 0xEF;
    private static final int COMMENT = 0xFE;
    private static final int START_OF_SCAN = 0xDA;
    /** PNG chunks that carry metadata. */
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

    private ImageMetadata() {
    }

    static byte[] strip(FileType type, byte[] content) {
        return switch (type) {
            case JPEG -> jpeg(content);
            case PNG -> png(content);
            default -> content;
        };
    }

    private static byte[] jpeg(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 2); // SOI
        int at = 2;
        while (at + 4 <= in.length) {
            if ((in[at] & 0xFF) != 0xFF) {
                throw new InvalidEvidenceException("evidence-unreadable", "The image is damaged and cannot be read.");
            }
            int marker = in[at + 1] & 0xFF;
            if (marker == START_OF_SCAN) {
                break; // the compressed image and the end marker follow: copied as they are
            }
            int length = ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
            int end = at + 2 + length;
            boolean metadata = marker == APP1 || marker == COMMENT || (marker > APP2 && marker <= APP15);
            if (end > in.length) {
                // A truncated file: what is left is kept unless it is metadata, which is dropped.
                return metadata ? out.toByteArray() : copyRest(in, at, out);
            }
            if (!metadata) {
                out.write(in, at, end - at);
            }
            at = end;
        }
        return copyRest(in, at, out);
    }

    private static byte[] png(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8); // signature
        int at = 8;
        while (at + 12 <= in.length) {
            int length = ByteBuffer.wrap(in, at, 4).getInt();
            long end = (long) at + 12 + length;
            boolean metadata = PNG_METADATA.contains(new String(in, at + 4, 4, StandardCharsets.ISO_8859_1));
            if (length < 0 || end > in.length) {
                return metadata ? out.toByteArray() : copyRest(in, at, out);
            }
            if (!metadata) {
                out.write(in, at, (int) end - at);
            }
            at = (int) end;
        }
        return copyRest(in, at, out);
    }

    private static byte[] copyRest(byte[] in, int from, ByteArrayOutputStream out) {
        out.write(in, from, in.length - from);
        return out.toByteArray();
    }
}
