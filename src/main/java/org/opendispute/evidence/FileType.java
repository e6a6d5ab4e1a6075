package org.opendispute.evidence;

import java.util.Arrays;
import java.util.Optional;

/** The evidence formats accepted, recognised from the file's first bytes, not from what the client claims. */
public enum FileType {
    JPEG("image/jpeg", 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    PDF("application/pdf", 0, new byte[] {'%', 'P', 'D', 'F', '-'}),
    MP4("video/mp4", 4, new byte[] {'f', 't', 'y', 'p'});

    private final String contentType;
    private final int offset;
    private final byte[] signature;

    FileType(String contentType, int offset, byte[] signature) {
        this.contentType = contentType;
        this.offset = offset;
        this.signature = signature;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<FileType> detect(byte[] content) {
        return Arrays.stream(values()).filter(type -> type.matches(content)).findFirst();
    }

    private boolean matches(byte[] content) {
        return content.length >= offset + signature.length
                && Arrays.equals(content, offset, offset + signature.length, signature, 0, signature.length);
    }
}
