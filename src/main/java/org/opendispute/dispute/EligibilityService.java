package org.opendispute.dispute;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.opendispute.evidence.EvidenceStore;
import org.opendispute.order.Order;
import org.springframework.stereotype.Service;

/**
 * Gathers from the store what the opening rules ({@link EligibilityRules}) need and applies them. The caller
 * holds the order's row lock, so two openings for one order are decided one after the other.
 */
@Service
public class EligibilityService {

    private final EligibilityRules rules;
    private final DisputePolicy policy;
    private final DisputeStore disputes;
    private final Accounts accounts;
    private final EvidenceStore evidence;
    private final Clock clock;

    public EligibilityService(DisputePolicy policy, DisputeCalendar calendar, DisputeStore disputes,
                              Accounts accounts, EvidenceStore evidence, Clock clock) {
        this.rules = new EligibilityRules(policy, calendar);
        this.policy = policy;
        this.disputes = disputes;
        this.accounts = accounts;
        this.evidence = evidence;
        this.clock = clock;
    }

    public Eligibility check(OpeningRequest request, Optional<Order> order) {
        Instant now = clock.instant();
        if (order.isEmpty()) {
            return rules.check(request, order, null, now);
        }
        List<DisputeStatus> disputesOfOrder = disputes.statusesOfOrder(order.get().orderId());
        EligibilityRules.BuyerRecord record = new EligibilityRules.BuyerRecord(
                accounts.isBuyerBlocked(request.buyerId()),
                disputesOfOrder,
                evidence.allAttachableBy(request.buyerId(), request.evidenceIds()),
                disputes.countOpenedByBuyerSince(request.buyerId(), now.minus(policy.abuseWindow())));
        return rules.check(request, order, record, now);
    }
}
