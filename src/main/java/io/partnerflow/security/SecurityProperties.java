package io.partnerflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passwords of the demo users {@code operator}, {@code manager} and {@code monitor} (Prometheus). They are only used when the
 * users are first created; {@link DefaultPasswordGuard} refuses the demo values outside the
 * embedded default.
 */
@ConfigurationProperties("partnerflow.security")
public record SecurityProperties(String operatorPassword, String managerPassword, String monitorPassword) {}
