package io.partnerflow.customer;

public record PrimaryContact(String firstName, String lastName, String email, String phone) {}
