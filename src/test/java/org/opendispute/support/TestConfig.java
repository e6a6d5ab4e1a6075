package org.opendispute.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
@Import(ProcessEngineCoverageConfiguration.class)
public class TestConfig {

    /** In place of the recording provider; a test of a real provider (stripe) gets that one. */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "disputes.payments.provider", havingValue = "recording", matchIfMissing = true)
    FlakyPaymentGateway flakyPaymentGateway() {
        return new FlakyPaymentGateway();
    }

    /** Between the idempotency filter (which keeps answers) and the application, so its death loses the answer. */
    @Bean
    FilterRegistrationBean<NodeDeathAfterCommit> nodeDeathAfterCommit() {
        FilterRegistrationBean<NodeDeathAfterCommit> registration = new FilterRegistrationBean<>(new NodeDeathAfterCommit());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }

    /**
     * Coverage of the diagram recorded for the lifecycle suite's stages, which together must walk all of it:
     * LifecycleCoverageGateTest checks so once they have run.
     */
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
        return ProcessEngineCoverageProperties.builder().addInclusionPatternForTestClasses("*LifecycleTest").build();
    }
}
