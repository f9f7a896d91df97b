package io.partnerflow.onboarding;

/** A select option as Camunda Forms expects it ({@code valuesKey}). */
public record SelectOption(String label, String value) {}
