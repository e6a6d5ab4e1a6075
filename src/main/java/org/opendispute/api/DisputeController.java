package org.opendispute.api;

import static org.opendispute.dispute.DisputeProcess.Fields.BUYER_VERDICT;
import static org.opendispute.dispute.DisputeProcess.Fields.CHOICE;
import static org.opendispute.dispute.DisputeProcess.Fields.INFORMATION_ANSWER;
import static org.opendispute.dispute.DisputeProcess.Vars.MESSAGE_AUTHOR;
import static org.opendispute.dispute.DisputeProcess.Vars.MESSAGE_BODY;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_AMOUNT;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_CURRENCY;
import static org.opendispute.dispute.DisputeProcess.Fields.PROPOSAL_TYPE;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RESHIP_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CARRIER;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_CONDITION;
import static org.opendispute.dispute.DisputeProcess.Fields.RETURN_TRACKING_NUMBER;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_ACTION;
import static org.opendispute.dispute.DisputeProcess.Fields.SELLER_REASON;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.opendispute.dispute.BuyerVerdict;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeHistory;
import org.opendispute.dispute.DisputeStatus;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.DisputedLine;
import org.opendispute.dispute.OpeningRequest;
import org.opendispute.dispute.Party;
import org.opendispute.dispute.ResolutionType;
import org.opendispute.dispute.SellerAction;
import org.opendispute.negotiation.Message;
import org.opendispute.negotiation.MessageStore;
import org.opendispute.negotiation.ProposalStore;

import org.opendispute.dispute.Groups;
import org.opendispute.dispute.TaskCommand;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** Disputes: opened by buyers, answered by sellers, read by integrators; each action moves the process. */
@RestController
@RequestMapping("/api/disputes")
@Tag(name = "Disputes")
class DisputeController {

    static final String ID = "[A-Za-z0-9-]{1,64}";

    private final DisputeActionService actions;
    private final DisputeViews views;
    private final DisputeStore disputes;
    private final DisputeHistory history;
    private final ProposalStore proposals;
    private final CurrentCaller currentCaller;
    private final MessageStore messages;

    DisputeController(DisputeActionService actions, DisputeViews views, DisputeStore disputes,
                      DisputeHistory history, ProposalStore proposals, CurrentCaller currentCaller,
                      MessageStore messages) {
        this.messages = messages;
        this.actions = actions;
        this.views = views;
        this.disputes = disputes;
        this.history = history;
        this.proposals = proposals;
        this.currentCaller = currentCaller;
    }

    @PostMapping
    @Operation(summary = "Open a dispute", description = "As the buyer of the order. 422 with a stable code when "
            + "the policy does not allow it (window-not-open, dispute-already-active, evidence-required, ...).")
    ResponseEntity<DisputeResponse> open(@Valid @RequestBody DisputeRequests.Open body) {
        Caller caller = currentCaller.get();
        if (!caller.in(Groups.BUYERS) && !caller.in(Groups.ADMINS)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Only buyers open disputes.");
        }
        DisputeRequests.Requested requested = body.requestedResolution();
        MoneyDto amount = requested.type().hasChosenAmount() ? requested.amount() : null;
        List<DisputedLine> lines = body.lines() == null ? List.of()
                : body.lines().stream().map(line -> new DisputedLine(line.sku(), line.quantity())).toList();
        DisputeResponse dispute = actions.open(new OpeningRequest(body.orderId(), caller.userId(), body.reason(),
                body.description(), lines, requested.type(),
                amount == null ? null : new BigDecimal(amount.amount()),
                amount == null ? null : Decimals.currency(amount.currency(), "requestedResolution.amount.currency"),
                body.evidenceIds()));
        return ResponseEntity.created(URI.create("/api/disputes/" + dispute.id())).body(dispute);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A dispute, its running deadlines and what you can do now")
    DisputeResponse get(@PathVariable @Pattern(regexp = ID) String id) {
        Caller caller = currentCaller.get();
        return views.full(actions.visible(id, caller), caller);
    }

    @GetMapping
    @Operation(summary = "Disputes, newest first", description = "Buyers and sellers see their own only.")
    Page<DisputeSummary> list(@RequestParam(required = false) @Pattern(regexp = ID) String buyerId,
                              @RequestParam(required = false) @Pattern(regexp = ID) String sellerId,
                              @RequestParam(required = false) DisputeStatus status,
                              @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = currentCaller.get();
        if (!caller.isStaff() && !caller.in(Groups.INTEGRATORS)) {
            // A party lists its own disputes: as buyer, or as seller when it asks for those.
            if (sellerId != null && sellerId.equals(caller.userId())) {
                buyerId = null;
            } else {
                buyerId = caller.userId();
                sellerId = null;
            }
        }
        List<DisputeSummary> items = disputes.search(buyerId, sellerId, status, page, size).stream()
                .map(views::summary).toList();
        return new Page<>(items, page, size, disputes.count(buyerId, sellerId, status));
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The dispute's timeline: what happened, by whom, when")
    List<DisputeHistory.Entry> history(@PathVariable @Pattern(regexp = ID) String id) {
        Caller caller = currentCaller.get();
        return history.of(actions.visible(id, caller).id(), caller.isStaff());
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "The conversation, oldest first", description = "Moderation flags are shown to staff only.")
    Page<ConversationMessage> messages(@PathVariable @Pattern(regexp = ID) String id,
                                       @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
                                       @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        Caller caller = currentCaller.get();
        String disputeId = actions.visible(id, caller).id();
        List<ConversationMessage> items = messages.page(disputeId, page, size).stream()
                .map(message -> ConversationMessage.of(message, caller.isStaff())).toList();
        return new Page<>(items, page, size, messages.count(disputeId));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConversationMessage(long id, String author, @Schema(example = "BUYER") String role, String body,
                               Instant postedAt,
                               @Schema(description = "Staff only: what moderation flagged (off-platform payment, abusive)")
                               List<String> flags) {

        static ConversationMessage of(Message message, boolean staff) {
            List<String> flags = new java.util.ArrayList<>();
            if (message.flaggedOffPlatform()) {
                flags.add("off-platform-payment");
            }
            if (message.flaggedAbusive()) {
                flags.add("abusive");
            }
            return new ConversationMessage(message.id(), message.authorId(), message.authorRole().name(), message.body(),
                    message.postedAt(), staff ? flags : null);
        }
    }

    @PostMapping("/{id}/messages")
    @Operation(summary = "Post a message to the conversation (kept and moderated)")
    DisputeResponse message(@PathVariable @Pattern(regexp = ID) String id,
                            @Valid @RequestBody DisputeRequests.Message body) {
        return actions.perform(id, Action.POST_MESSAGE, TaskCommand.none()
                .and(MESSAGE_AUTHOR, currentCaller.get().userId()).and(MESSAGE_BODY, body.body()));
    }

    @PostMapping("/{id}/seller-response")
    @Operation(summary = "The seller accepts the buyer's request, proposes something else, or refuses")
    DisputeResponse sellerResponse(@PathVariable @Pattern(regexp = ID) String id,
                                   @Valid @RequestBody DisputeRequests.SellerResponse body) {
        TaskCommand response = TaskCommand.of(SELLER_ACTION, body.action()).and(SELLER_REASON, body.reason());
        if (body.action() == SellerAction.PROPOSE && body.proposal() != null) {
            MoneyDto amount = body.proposal().amount();
            response.and(PROPOSAL_TYPE, body.proposal().type())
                    .and(PROPOSAL_AMOUNT, amount == null ? null : new BigDecimal(amount.amount()))
                    .and(PROPOSAL_CURRENCY, amount == null ? null : amount.currency());
        }
        return actions.perform(id, Action.RESPOND, response);
    }

    @PostMapping("/{id}/proposals/{proposalId}/accept")
    @Operation(summary = "The buyer accepts the seller's open proposal: the dispute ends with it")
    DisputeResponse accept(@PathVariable @Pattern(regexp = ID) String id,
                           @PathVariable @Pattern(regexp = ID) String proposalId) {
        requireOpenSellerProposal(id, proposalId, Action.ACCEPT_PROPOSAL);
        return actions.perform(id, Action.ACCEPT_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.ACCEPT));
    }

    @PostMapping("/{id}/proposals/{proposalId}/reject")
    @Operation(summary = "The buyer rejects the seller's answer: another round")
    DisputeResponse reject(@PathVariable @Pattern(regexp = ID) String id,
                           @PathVariable @Pattern(regexp = ID) String proposalId) {
        requireOpenSellerProposal(id, proposalId, Action.REJECT_PROPOSAL);
        return actions.perform(id, Action.REJECT_PROPOSAL, TaskCommand.of(BUYER_VERDICT, BuyerVerdict.REJECT));
    }

    @PostMapping("/{id}/escalate")
    @Operation(summary = "The buyer asks the platform to mediate (after the seller answered)")
    DisputeResponse escalate(@PathVariable @Pattern(regexp = ID) String id) {
        return actions.perform(id, Action.ESCALATE, TaskCommand.none());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "The buyer cancels the dispute (before a resolution is applied)")
    DisputeResponse cancel(@PathVariable @Pattern(regexp = ID) String id) {
        return actions.perform(id, Action.CANCEL, TaskCommand.none());
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "The buyer chooses the platform's or the seller's proposal")
    DisputeResponse decision(@PathVariable @Pattern(regexp = ID) String id,
                             @Valid @RequestBody DisputeRequests.Decision body) {
        return actions.perform(id, Action.DECIDE, TaskCommand.of(CHOICE, body.choice()));
    }

    @PostMapping("/{id}/information")
    @Operation(summary = "A party answers the mediator's request for information")
    DisputeResponse information(@PathVariable @Pattern(regexp = ID) String id,
                                @Valid @RequestBody DisputeRequests.Information body) {
        return actions.perform(id, Action.PROVIDE_INFORMATION, TaskCommand.of(INFORMATION_ANSWER, body.answer()));
    }

    @PostMapping("/{id}/return-shipment")
    @Operation(summary = "The buyer shipped the item back")
    DisputeResponse returnShipment(@PathVariable @Pattern(regexp = ID) String id,
                                   @Valid @RequestBody DisputeRequests.Shipment body) {
        return actions.perform(id, Action.SHIP_RETURN, TaskCommand.of(RETURN_CARRIER, body.carrier())
                .and(RETURN_TRACKING_NUMBER, body.trackingNumber()));
    }

    @PostMapping("/{id}/return-receipt")
    @Operation(summary = "The seller confirms what came back")
    DisputeResponse returnReceipt(@PathVariable @Pattern(regexp = ID) String id,
                                  @Valid @RequestBody DisputeRequests.ReturnReceipt body) {
        return actions.perform(id, Action.CONFIRM_RETURN_RECEIPT, TaskCommand.of(RETURN_CONDITION, body.condition()));
    }

    @PostMapping("/{id}/reshipment")
    @Operation(summary = "The seller shipped the order again")
    DisputeResponse reshipment(@PathVariable @Pattern(regexp = ID) String id,
                               @Valid @RequestBody DisputeRequests.Shipment body) {
        return actions.perform(id, Action.RESHIP, TaskCommand.of(RESHIP_CARRIER, body.carrier())
                .and(RESHIP_TRACKING_NUMBER, body.trackingNumber()));
    }

    /** The proposal must be the seller's open one on this dispute: unknown 404, already decided 409. */
    private void requireOpenSellerProposal(String disputeId, String proposalId, Action action) {
        Caller caller = currentCaller.get();
        Dispute dispute = actions.permitted(disputeId, action, caller);
        if (proposals.find(proposalId).filter(p -> p.disputeId().equals(dispute.id())).isEmpty()) {
            throw ApiException.notFound("Proposal " + proposalId);
        }
        if (proposals.open(dispute.id(), Party.SELLER).filter(p -> p.id().equals(proposalId)).isEmpty()) {
            throw actions.notAllowedNow(dispute, caller, action);
        }
    }

    record Page<T>(List<T> items, int page, int size, long total) {
    }
}
