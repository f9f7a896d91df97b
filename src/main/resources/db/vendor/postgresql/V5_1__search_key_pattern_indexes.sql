-- PostgreSQL's b-tree serves like 'abc%' only in the C collation, or with a pattern operator
-- class, whose order in turn cannot serve an order by: so these beside V5's plain indexes.
create index customer_company_key_pattern_idx on customer(company_name_key varchar_pattern_ops);
-- The unique constraint on domain_prefix is collation-ordered too; the search ORs the two
create index customer_domain_prefix_pattern_idx on customer(domain_prefix varchar_pattern_ops);
create index referral_company_key_pattern_idx on referral(company_name_key varchar_pattern_ops);
create index referral_email_key_pattern_idx on referral(contact_email_key varchar_pattern_ops);
