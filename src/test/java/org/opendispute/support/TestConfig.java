package org.opendispute.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestConfig {

    @Bean
    @Primary
    FlakyPaymentGateway flakyPaymentGateway() {
        return new FlakyPaymentGateway();
    }
}
