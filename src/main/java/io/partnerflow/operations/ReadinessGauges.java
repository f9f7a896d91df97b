package io.partnerflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The readiness group as metrics (1 = UP, 0 = anything else), so Prometheus can alert on it where
 * no Kubernetes probe watches: {@code partnerflow_readiness_up} and one
 * {@code partnerflow_readiness_component_up{component}} per component of the group.
 */
@Component
class ReadinessGauges implements MeterBinder {

  static final String READY = "partnerflow.readiness.up";
  static final String COMPONENT = "partnerflow.readiness.component.up";
  static final String GROUP = "readiness";
  /** application.yml's management.endpoint.health.group.readiness.include. */
  static final List<String> COMPONENTS = List.of("readinessState", "db", "jobExecutor", "mail", "mailPollers");

  private final HealthEndpoint health;

  ReadinessGauges(HealthEndpoint health) {
    this.health = health;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(READY, this, gauges -> up(gauges.health.healthForPath(GROUP)))
        .description("1 when this node is ready (every readiness component UP), else 0")
        .strongReference(true).register(registry);
    for (String component : COMPONENTS) {
      Gauge.builder(COMPONENT, this, gauges -> up(gauges.health.healthForPath(GROUP, component)))
          .description("1 when the readiness component is UP, else 0").tag("component", component)
          .strongReference(true).register(registry);
    }
  }

  private static double up(HealthComponent component) {
    return component != null && Status.UP.equals(component.getStatus()) ? 1 : 0;
  }
}
