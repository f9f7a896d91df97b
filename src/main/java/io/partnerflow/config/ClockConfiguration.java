package io.partnerflow.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock our business rules read, so process tests that move the engine clock move our rules too. */
@Configuration
public class ClockConfiguration {

  @Bean
  public Clock clock() {
    return new EngineClock(ZoneOffset.UTC);
  }

  /** A {@link Clock} backed by Camunda's {@link ClockUtil} (real time unless a test has set it). */
  public static final class EngineClock extends Clock {

    private final ZoneId zone;

    public EngineClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof EngineClock other && other.zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return zone.hashCode() ^ EngineClock.class.hashCode();
    }

    @Override
    public String toString() {
      return "EngineClock[" + zone + "]";
    }
  }
}
