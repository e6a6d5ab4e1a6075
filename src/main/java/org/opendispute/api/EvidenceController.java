package org.opendispute.api;

import java.io.IOException;
import java.time.Instant;

import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.HistoryEvent;
import org.opendispute.evidence.Evidence;
import org.opendispute.evidence.EvidenceStore;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

/** Evidence files: JPEG, PNG, PDF or MP4 of at most 10 MB, recognised from their bytes. */
@RestController
@Tag(name = "Evidence")
class EvidenceController {

    private final EvidenceStore evidence;
    private final DisputeActionService actions;
    private final DisputeHistory history;
    private final CurrentCaller currentCaller;

    EvidenceController(EvidenceStore evidence, DisputeActionService actions, DisputeHistory history,
                       CurrentCaller currentCaller) {
        this.evidence = evidence;
        this.actions = actions;
        this.history = history;
        this.currentCaller = currentCaller;
    }

    @PostMapping(path = "/api/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload evidence before opening a dispute",
            description = "The file belongs to the uploader until a dispute references it in evidenceIds.")
    @Transactional
    ResponseEntity<EvidenceResponse> upload(@RequestParam("file") MultipartFile file) throws IOException {
        Evidence saved = evidence.upload(currentCaller.get().userId(), null, file.getOriginalFilename(), file.getBytes());
        return ResponseEntity.status(HttpStatus.CREATED).body(EvidenceResponse.of(saved, null));
    }

    @PostMapping(path = "/api/disputes/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add evidence to an active dispute")
    @Transactional
    ResponseEntity<EvidenceResponse> add(@PathVariable @Pattern(regexp = DisputeController.ID) String id,
                                         @RequestParam("file") MultipartFile file) throws IOException {
        Caller caller = currentCaller.get();
        Dispute dispute = actions.permitted(id, Action.ADD_EVIDENCE, caller);
        if (!dispute.status().isActive()) {
            throw actions.notAllowedNow(dispute, caller, Action.ADD_EVIDENCE);
        }
        Evidence saved = evidence.upload(caller.userId(), dispute.id(), file.getOriginalFilename(), file.getBytes());
        history.record(dispute.id(), HistoryEvent.EVIDENCE_ADDED, caller.userId(), saved.fileName());
        return ResponseEntity.status(HttpStatus.CREATED).body(EvidenceResponse.of(saved, dispute.id()));
    }

    @GetMapping("/api/disputes/{id}/evidence/{evidenceId}")
    @Operation(summary = "Download an evidence file of a dispute you may see")
    ResponseEntity<byte[]> download(@PathVariable @Pattern(regexp = DisputeController.ID) String id,
                                    @PathVariable @Pattern(regexp = DisputeController.ID) String evidenceId) {
        Dispute dispute = actions.visible(id, currentCaller.get());
        Evidence file = evidence.find(evidenceId)
                .filter(found -> dispute.id().equals(found.disputeId()))
                .orElseThrow(() -> ApiException.notFound("Evidence " + evidenceId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(evidence.content(file.id()));
    }

    record EvidenceResponse(String id, String fileName, String contentType, long sizeBytes, String sha256,
                            Instant uploadedAt, String url) {

        static EvidenceResponse of(Evidence evidence, String disputeId) {
            return new EvidenceResponse(evidence.id(), evidence.fileName(), evidence.contentType(),
                    evidence.sizeBytes(), evidence.sha256(), evidence.uploadedAt(),
                    disputeId == null ? null : "/api/disputes/" + disputeId + "/evidence/" + evidence.id());
        }
    }
}
