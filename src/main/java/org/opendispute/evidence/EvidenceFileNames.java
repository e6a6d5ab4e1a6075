package org.opendispute.evidence;

/** A file name as the uploader's device gave it, made safe to store and to send back in a download. */
final class EvidenceFileNames {

    private EvidenceFileNames() {
    }

    /**
     * The last path segment, without control characters or characters that file systems and headers
     * treat specially; "evidence" when nothing is left. Longer than {@value EvidenceStore#MAX_FILE_NAME}
     * characters: {@code 400 file-name-too-long}.
     */
    static String sanitise(String fileName) {
        if (fileName == null) {
            return "evidence";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}\"*:<>?|]", "")
                .strip();
        if (name.length() > EvidenceStore.MAX_FILE_NAME) {
            throw new InvalidEvidenceException("file-name-too-long",
                    "File names are limited to " + EvidenceStore.MAX_FILE_NAME + " characters.");
        }
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "evidence" : name;
    }
}
