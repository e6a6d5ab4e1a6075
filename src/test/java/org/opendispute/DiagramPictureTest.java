package org.opendispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The README's picture of the lifecycle is drawn from the diagram: it must not drift from it. */
class DiagramPictureTest {

    @Test
    void thePictureWasDrawnFromTheCurrentDiagram() throws Exception {
        byte[] diagram = Files.readAllBytes(Path.of("bpmn/dispute-resolution.bpmn"));
        String drawnFrom = Files.readString(Path.of("docs/dispute-resolution.png.sha256")).split("\\s+")[0];
        String current = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(diagram));
        assertThat(drawnFrom)
                .as("docs/dispute-resolution.png is older than the diagram: run `npm run render` in tools/bpmn")
                .isEqualTo(current);
        assertThat(Path.of("docs/dispute-resolution.png")).exists();
    }
}
