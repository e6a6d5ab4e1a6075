package org.opendispute.api;

import java.util.Arrays;
import java.util.List;

import org.opendispute.events.EventFeed;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** The events as a feed, for integrators and administrators who cannot take webhooks, and to replay. */
@RestController
@RequestMapping("/api/events")
@Validated
class EventController {

    private final EventFeed feed;
    private final CurrentCaller currentCaller;

    EventController(EventFeed feed, CurrentCaller currentCaller) {
        this.feed = feed;
        this.currentCaller = currentCaller;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Events after a cursor, oldest first",
            description = "Answers {\"items\": [events], \"next\": cursor}; ask again with after=next. Kept "
                    + "disputes.events.retention (30 days).")
    String events(@RequestParam(required = false) @Pattern(regexp = "\\d{1,18}") String after,
                  @RequestParam(required = false) String types,
                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        currentCaller.get().requireIntegratorOrAdmin("The event feed is for integrators and administrators.");
        List<String> wanted = types == null || types.isBlank() ? List.of()
                : Arrays.stream(types.split(",")).map(String::trim).filter(type -> !type.isEmpty()).toList();
        EventFeed.Page page = feed.after(after == null ? null : Long.parseLong(after), wanted, limit);
        // The items are the events' JSON as they were sent to webhooks, byte for byte
        return "{\"items\":[" + String.join(",", page.items()) + "],\"next\":"
                + (page.next() == null ? "null" : "\"" + page.next() + "\"") + "}";
    }
}
