package io.partnerflow.customer;

public record ContactRecord(String role, String firstName, String lastName, String email, String phone) {}
