package io.partnerflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The onboarding engine: Camunda 7 with our registry, mail and processes in one Spring Boot app. */
@SpringBootApplication
@EnableProcessApplication("partnerflow")
@ConfigurationPropertiesScan
public class PartnerflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(PartnerflowApplication.class, args);
  }
}
