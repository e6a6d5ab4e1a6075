package org.opendispute.tasklist;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.opendispute.dispute.Dispute;
import org.opendispute.dispute.DisputeCalendar;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.DisputeProcess;
import org.opendispute.dispute.DisputeStore;
import org.opendispute.dispute.Party;
import org.opendispute.evidence.EvidenceStore;
import org.opendispute.mediation.PlatformSuggestion;
import org.opendispute.negotiation.MessageStore;
import org.opendispute.negotiation.ProposalStore;
import org.opendispute.order.Money;
import org.opendispute.order.Order;
import org.opendispute.order.OrderStore;
import org.opendispute.refund.Refund;
import org.opendispute.refund.RefundStore;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a form shows, read-only: the JSON form variable {@code dispute}, built from the store each time the
 * task's form is opened (the store is the source of truth; this is a view of it at that moment).
 */
@Component
class FormContext {

    static final String VARIABLE = "dispute";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DEADLINE =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final DisputeStore disputes;
    private final OrderStore orders;
    private final ProposalStore proposals;
    private final MessageStore messages;
    private final EvidenceStore evidence;
    private final RefundStore refunds;
    private final DisputeCalendar calendar;
    private final DisputePolicy policy;
    private final Clock clock;
    private final ObjectMapper json;

    FormContext(DisputeStore disputes, OrderStore orders, ProposalStore proposals, MessageStore messages,
                EvidenceStore evidence, RefundStore refunds, DisputeCalendar calendar, DisputePolicy policy,
                Clock clock, ObjectMapper json) {
        this.calendar = calendar;
        this.policy = policy;
        this.clock = clock;
        this.disputes = disputes;
        this.orders = orders;
        this.proposals = proposals;
        this.messages = messages;
        this.evidence = evidence;
        this.refunds = refunds;
        this.json = json;
    }

    /** The task's form context, or null for a task of no dispute. */
    JsonValue of(DelegateTask task) {
        String disputeId = task.getExecution().getProcessBusinessKey();
        return disputeId == null ? null : disputes.find(disputeId).map(dispute -> {
            try {
                return SpinValues.jsonValue(json.writeValueAsString(build(dispute, task))).create();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The form context always serialises", e);
            }
        }).orElse(null);
    }

    Map<String, Object> build(Dispute dispute, DelegateTask task) {
        Order order = orders.find(dispute.orderId()).orElseThrow();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("id", dispute.id());
        context.put("orderId", dispute.orderId());
        context.put("reason", dispute.reason().name());
        context.put("reasonLabel", Labels.reason(dispute.reason()));
        context.put("description", dispute.description());
        context.put("status", dispute.status().name());
        context.put("buyerId", dispute.buyerId());
        context.put("sellerId", dispute.sellerId());
        context.put("currency", order.currency().getCurrencyCode());
        context.put("requested", terms(dispute.requestedType().name(), dispute.requestedAmount()));
        context.put("disputedValue", amount(dispute.disputedValue()));
        context.put("refundable", amount(dispute.refundableAmount()));
        context.put("lines", disputes.lines(dispute.id()).stream().map(line -> {
            var ordered = order.line(line.sku()).orElseThrow();
            Money unit = Money.exact(ordered.unitPrice(), order.currency());
            return Map.of("sku", line.sku(), "title", ordered.title(), "quantity", line.quantity(),
                    "unitPrice", amount(unit), "amount", amount(unit.times(line.quantity())));
        }).toList());
        context.put("evidence", evidence.ofDispute(dispute.id()).stream().map(file -> Map.of(
                "fileName", file.fileName(), "contentType", file.contentType(),
                "sizeKb", Math.max(1, file.sizeBytes() / 1024),
                "url", "/api/disputes/" + dispute.id() + "/evidence/" + file.id())).toList());
        context.put("messages", messages.ofDispute(dispute.id()).stream().map(message -> Map.of(
                "author", message.authorId(), "role", message.authorRole().name(), "body", message.body(),
                "flagged", message.flaggedOffPlatform() || message.flaggedAbusive(),
                "flags", flags(message.flaggedOffPlatform(), message.flaggedAbusive()),
                "postedAt", message.postedAt().toString())).toList());
        context.put("proposals", proposals.ofDispute(dispute.id()).stream().map(proposal -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("by", proposal.by().name());
            view.put("type", proposal.type().name());
            view.put("amount", amount(proposal.amount()));
            view.put("state", proposal.state().name());
            view.put("note", proposal.note() == null ? "" : proposal.note());
            return view;
        }).toList());
        proposals.latest(dispute.id(), Party.SELLER)
                .ifPresent(p -> context.put("sellerProposal", terms(p.type().name(), p.amount())));
        proposals.latest(dispute.id(), Party.PLATFORM)
                .ifPresent(p -> context.put("platformProposal", terms(p.type().name(), p.amount())));
        if (DisputeProcess.Elements.MEDIATE.equals(task.getTaskDefinitionKey())) {
            PlatformSuggestion.of(task, dispute)
                    .ifPresent(s -> context.put("suggestion", terms(s.type().name(), s.amount())));
        }
        if (DisputeProcess.Elements.PROVIDE_INFORMATION.equals(task.getTaskDefinitionKey())) {
            context.put("question", Map.of(
                    "from", String.valueOf(dispute.informationFrom()),
                    "text", String.valueOf(task.getVariable(DisputeProcess.Fields.INFORMATION_QUESTION.name()))));
        }
        // The abuse rules' flags are for the mediators' eyes only: a party's form never carries them.
        if (DisputeProcess.Elements.MEDIATE.equals(task.getTaskDefinitionKey())) {
            context.put("flaggedForMediators", dispute.flaggedForMediators());
            context.put("mediationOverdue", dispute.mediationOverdue());
            // A refund the provider refused brought the dispute back: the mediator decides again, knowing why
            refunds.ofDispute(dispute.id()).filter(refund -> refund.state() == Refund.State.FAILED)
                    .ifPresent(refund -> context.put("refundFailure", refund.failureReason()));
        }
        refundExpectation(dispute, task.getTaskDefinitionKey()).ifPresent(label -> context.put("refundExpectedLabel", label));
        if (task.getDueDate() != null) {
            context.put("deadline", task.getDueDate().toInstant().toString());
            context.put("deadlineLabel", "Answer before " + DEADLINE.format(task.getDueDate().toInstant()));
        } else {
            context.put("deadlineLabel", "No deadline");
        }
        return context;
    }

    /**
     * When the buyer's money would arrive, counted in business days without the configured holidays: from today
     * for a refund agreed at this step, from the seller's acceptance for a return.
     */
    private Optional<String> refundExpectation(Dispute dispute, String taskKey) {
        String by = DAY.format(calendar.refundArrival(clock.instant()));
        int days = policy.refundArrivalBusinessDays();
        return switch (taskKey) {
            case DisputeProcess.Elements.REVIEW_PROPOSAL, DisputeProcess.Elements.CHOOSE_PROPOSAL ->
                    Optional.of("A refund agreed today reaches you by " + by + " (" + days + " business days).");
            case DisputeProcess.Elements.SHIP_RETURN -> Optional.of("Your refund is paid when the seller accepts the return"
                    + " and reaches you within " + days + " business days of that: by " + by + " if it were today.");
            default -> Optional.empty();
        };
    }

    private static Map<String, Object> terms(String type, Money amount) {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("type", type);
        terms.put("amount", amount(amount));
        return terms;
    }

    private static String amount(Money money) {
        return money == null ? "" : money.amount().toPlainString();
    }

    private static String flags(boolean offPlatform, boolean abusive) {
        return String.join(", ", offPlatform && abusive ? List.of("off-platform payment", "abusive language")
                : offPlatform ? List.of("off-platform payment") : abusive ? List.of("abusive language") : List.of());
    }
}
