package org.opendispute.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The snapshot of an order, as the marketplace registers it. Prices are decimal strings in {@code currency}. */
public record OrderRequest(
        @NotBlank @Size(max = 64) @Schema(example = "buyer") String buyerId,
        @NotBlank @Size(max = 64) @Schema(example = "seller") String sellerId,
        @NotBlank @Pattern(regexp = "[A-Z]{3}") @Schema(example = "EUR") String currency,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Line> lines,
        @NotNull @Pattern(regexp = Decimals.PATTERN) @Schema(example = "4.90") String shippingCost,
        @NotBlank @Size(max = 40) @Schema(example = "CARD") String paymentMethod,
        @NotBlank @Size(max = 128) @Schema(example = "pay_8Hq2") String paymentReference,
        @Size(max = 64) @Schema(example = "EXPRESS") String shippingMethodPaid,
        @Size(max = 64) @Schema(example = "EXPRESS") String shippingMethodUsed,
        @Size(max = 64) @Schema(example = "DHL") String carrier,
        @Size(max = 128) @Schema(example = "JJD000390007") String trackingNumber,
        @NotNull @Schema(example = "2026-03-01T10:00:00Z") Instant paidAt,
        @Schema(example = "2026-03-02T08:00:00Z") Instant shippedAt,
        @NotNull @Min(1) @Schema(example = "30", description = "At most disputes.policy.max-promised-delivery-days (default 60)") Integer promisedDeliveryDays,
        Instant deliveryConfirmedAt,
        @Pattern(regexp = Decimals.PATTERN)
        @Schema(example = "1.90", description = "What the method the seller used costs, when it is not the one paid for")
        String shippingCostOfMethodUsed,
        @Size(max = 20) @Schema(description = "Every charge actually taken for the order; none: one of the order's total")
        List<@Valid @NotNull Charge> charges) {

    public record Charge(
            @NotBlank @Size(max = 128) @Schema(example = "pi_3MtwBwLkdIwHu7ix28a3tqPa") String reference,
            @NotNull @Pattern(regexp = Decimals.PATTERN) @Schema(example = "94.80") String amount) {
    }

    public record Line(
            @NotBlank @Size(max = 64) @Schema(example = "HP-01") String sku,
            @NotBlank @Size(max = 256) @Schema(example = "Wireless headphones") String title,
            @NotNull @Min(1) @Max(100000) @Schema(example = "1") Integer quantity,
            @NotNull @Pattern(regexp = Decimals.PATTERN) @Schema(example = "89.90") String unitPrice) {
    }
}
