package org.opendispute.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendispute.dispute.DisputeRejectedException;
import org.opendispute.dispute.InvalidSubmissionException;
import org.opendispute.evidence.InvalidEvidenceException;
import org.opendispute.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/**
 * How every failure becomes problem+json with a stable code and the field at fault: the web layer alone,
 * no application context, no database.
 */
class ProblemMappingTest {

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ApiExceptionHandler()).build();
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "api-invalid, 400, validation-failed, requestedResolution.amount.currency",
            "rejected, 422, window-not-open, ",
            "submission, 422, amount-exceeds-paid, proposalAmount",
            "evidence-type, 415, evidence-type-not-allowed, file",
            "evidence-quota, 429, upload-quota-exceeded, file",
            "evidence-name, 400, file-name-too-long, file",
            "evidence-attached, 422, evidence-already-attached, evidenceIds",
            "concurrent, 409, concurrent-update, ",
            "not-found, 404, not-found, ",
    })
    void eachFailureAnswersItsStatusCodeAndField(String failure, int status, String code, String field)
            throws Exception {
        var answer = mvc.perform(get("/failing/" + failure))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + code));
        if (field == null) {
            answer.andExpect(jsonPath("$.errors").isEmpty());
        } else {
            answer.andExpect(jsonPath("$.errors[0].field").value(field));
        }
    }

    @Test
    void aFieldThatBreaksItsConstraintIsNamedWithItsPath() throws Exception {
        mvc.perform(post("/failing/money").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"PARTIAL_REFUND\", \"amount\": {\"amount\": \"12.5.0\", \"currency\": \"EUR\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("amount.amount"))
                .andExpect(jsonPath("$.errors[0].code").value("invalid-format"));
    }

    @Test
    void aBareAmountWhereMoneyBelongsIsAMalformedRequestNamingTheField() throws Exception {
        mvc.perform(post("/failing/money").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\": \"PARTIAL_REFUND\", \"amount\": \"12.50\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("amount"));
    }

    @Test
    void anUnknownChoiceAndABodyThatIsNotJsonAreMalformedRequests() throws Exception {
        mvc.perform(post("/failing/money").contentType(MediaType.APPLICATION_JSON).content("{\"type\": \"EVERYTHING\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("type"))
                .andExpect(jsonPath("$.errors[0].code").value("invalid-value"));
        mvc.perform(post("/failing/money").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"))
                .andExpect(jsonPath("$.errors").isEmpty());
    }

    @RestController
    static class Failing {

        @PostMapping("/failing/money")
        String money(@Valid @RequestBody DisputeRequests.Requested body) {
            return "accepted";
        }

        @GetMapping("/failing/{failure}")
        String fail(@PathVariable String failure) {
            throw switch (failure) {
                case "api-invalid" -> ApiException.invalid("requestedResolution.amount.currency", "invalid-currency",
                        "XXZ is not an ISO-4217 currency.");
                case "rejected" -> new DisputeRejectedException("window-not-open", "Not yet.");
                case "submission" -> new InvalidSubmissionException("amount-exceeds-paid", "proposalAmount", "Too much.");
                case "evidence-type" -> new InvalidEvidenceException("evidence-type-not-allowed", "file", "No.");
                case "evidence-quota" -> new InvalidEvidenceException("upload-quota-exceeded", "file", "Enough.");
                case "evidence-name" -> new InvalidEvidenceException("file-name-too-long", "file", "Shorter.");
                case "evidence-attached" -> new InvalidEvidenceException("evidence-already-attached", "evidenceIds", "Taken.");
                case "concurrent" -> new OptimisticLockingException("moved");
                default -> ApiException.notFound("Dispute D-1");
            };
        }
    }
}
