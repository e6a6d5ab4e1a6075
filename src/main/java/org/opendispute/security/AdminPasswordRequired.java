package org.opendispute.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The production profile has no default admin password: start-up stops, before the engine creates any
 * user, when {@code DISPUTES_ADMIN_PASSWORD} is missing. (Spring would otherwise bind the unresolved
 * placeholder text itself as the password.)
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
class AdminPasswordRequired {

    static final String VARIABLE = "DISPUTES_ADMIN_PASSWORD";

    @Bean
    static BeanFactoryPostProcessor checkAdminPasswordIsSet(Environment environment) {
        String password = environment.getProperty(VARIABLE);
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(VARIABLE + " is not set. The postgres profile takes the first "
                    + "administrator's password from this environment variable and has no default.");
        }
        return beanFactory -> { };
    }
}
