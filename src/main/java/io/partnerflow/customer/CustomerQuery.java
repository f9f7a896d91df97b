package io.partnerflow.customer;

/**
 * A customer search: {@code text} matches the start of the company name or the domain prefix
 * (case-insensitive); filters are optional (null = any).
 *
 * @param sort one of {@code company}, {@code domain}, {@code relationship}, {@code created}
 */
public record CustomerQuery(String text, String resellerId, Relationship relationship, int page, int size,
    String sort, boolean descending) {

  public static final int MAX_PAGE_SIZE = 200;
}
