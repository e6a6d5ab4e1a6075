package org.opendispute.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Fast: what the stripping keeps and removes, byte for byte. */
class ImageMetadataTest {

    @Test
    void aJpegKeepsItsImageAndLosesItsExif() {
        byte[] stripped = ImageMetadata.strip(FileType.JPEG, EvidenceIntegrityTest.JPEG_WITH_GPS);
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("GPS").contains("quantisation-table");
        assertThat(stripped.length).isLessThan(EvidenceIntegrityTest.JPEG_WITH_GPS.length);
    }

    @Test
    void aPngLosesItsExifAndTextChunks() {
        byte[] png = EvidenceIntegrityTest.concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                chunk("IHDR", "header-13-b"), chunk("eXIf", "GPS"), chunk("tEXt", "Location\0home"),
                chunk("IDAT", "pixels"), chunk("IEND", ""));
        String stripped = new String(ImageMetadata.strip(FileType.PNG, png), StandardCharsets.ISO_8859_1);
        assertThat(stripped).contains("IHDR", "IDAT", "pixels", "IEND").doesNotContain("eXIf", "GPS", "tEXt", "home");
    }

    @Test
    void aTruncatedMetadataSegmentIsDroppedNotCopied() {
        byte[] truncated = EvidenceIntegrityTest.concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1,
                0x10, 0x00}, "Exif GPS".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(ImageMetadata.strip(FileType.JPEG, truncated), StandardCharsets.ISO_8859_1))
                .doesNotContain("GPS");
    }

    static byte[] chunk(String type, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(12 + bytes.length).putInt(bytes.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(bytes).putInt(0).array();
    }
}
