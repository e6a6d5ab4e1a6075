package org.opendispute.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI description at /v3/api-docs (Swagger UI at /swagger-ui.html), generated from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI openDisputeApi() {
        return new OpenAPI()
                .info(new Info().title("OpenDispute API").version("1")
                        .description("""
                                Register orders and drive disputes. Every request uses HTTP Basic with a user of the \
                                identity store. Every POST accepts an Idempotency-Key header: a retry with the same key \
                                and body replays the first answer. Errors are application/problem+json with a stable \
                                `code` and `errors[]` naming each invalid field. Money is {"amount": "12.50", \
                                "currency": "EUR"}; times are ISO-8601 UTC."""))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
