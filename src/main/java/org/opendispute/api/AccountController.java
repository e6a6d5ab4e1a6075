package org.opendispute.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.opendispute.dispute.Accounts;
import org.opendispute.dispute.DisputePolicy;
import org.opendispute.dispute.DisputeStore;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Buyers' accounts, for staff: those the abuse rules marked for review, a buyer's dispute counts behind those
 * rules, and blocking or unblocking a buyer with a reason (a blocked buyer's opening is {@code 422 account-blocked}).
 */
@RestController
@RequestMapping("/api/accounts")
@Validated
class AccountController {

    private final Accounts accounts;
    private final DisputeStore disputes;
    private final DisputePolicy policy;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    AccountController(Accounts accounts, DisputeStore disputes, DisputePolicy policy, CurrentCaller currentCaller,
                      Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.disputes = disputes;
        this.policy = policy;
        this.currentCaller = currentCaller;
    }

    @GetMapping("/review")
    @Operation(summary = "The buyers the abuse rules marked for review")
    List<Account> markedForReview() {
        requireStaff();
        return accounts.markedForReview().stream().map(this::account).toList();
    }

    @GetMapping("/{buyerId}")
    @Operation(summary = "A buyer's account: blocked, marked for review, dispute counts and its history")
    Account get(@PathVariable @Pattern(regexp = DisputeController.ID) String buyerId) {
        requireStaff();
        return account(buyerId);
    }

    @PostMapping("/{buyerId}/block")
    @Operation(summary = "Block a buyer: no new dispute can be opened")
    Account block(@PathVariable @Pattern(regexp = DisputeController.ID) String buyerId,
                  @Valid @RequestBody Decision body) {
        requireStaff();
        accounts.setBlocked(buyerId, true, body.reason(), currentCaller.get().userId());
        return account(buyerId);
    }

    @PostMapping("/{buyerId}/unblock")
    @Operation(summary = "Unblock a buyer")
    Account unblock(@PathVariable @Pattern(regexp = DisputeController.ID) String buyerId,
                    @Valid @RequestBody Decision body) {
        requireStaff();
        accounts.setBlocked(buyerId, false, body.reason(), currentCaller.get().userId());
        return account(buyerId);
    }

    private Account account(String buyerId) {
        Instant windowStart = clock.instant().minus(policy.abuseWindow());
        return new Account(buyerId, accounts.isBuyerBlocked(buyerId), accounts.isMarkedForReview(buyerId),
                disputes.countOpenedByBuyerSince(buyerId, windowStart), policy.flagAboveDisputes(),
                policy.refuseAboveDisputes(), accounts.history(buyerId));
    }

    private void requireStaff() {
        if (!currentCaller.get().isStaff()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Accounts are for staff.");
        }
    }

    record Decision(@NotBlank @Size(max = 1000) String reason) {
    }

    record Account(String buyerId, boolean blocked, boolean markedForReview, long disputesInAbuseWindow,
                   int flaggedAbove, int refusedAbove, List<Accounts.Event> history) {
    }
}
