-- Case-insensitive starts-with searches and the sort by company name need an index on the
-- lower-cased text. H2 has no expression indexes, so the lower-cased text is a stored column: our
-- code writes it with every name (lower case, Locale.ROOT; CustomerRegistry.companyNameKey,
-- ReferralRegistry), this backfills the rows written before.
-- Nullable so a write path that forgets it fails no insert; such a row is found by its domain only.
alter table customer add column company_name_key varchar(255);
update customer set company_name_key = lower(company_name);
-- Serves the sort by company (first page) on both databases and the name prefix search on H2;
-- id breaks ties, as in the query's order by.
create index customer_company_key_idx on customer(company_name_key, id);

-- The referral search matches company or contact email; both keys are written by ReferralRegistry.
-- Their indexes are PostgreSQL's only (db/vendor): H2 cannot combine two indexes for an OR.
alter table referral add column company_name_key varchar(255);
alter table referral add column contact_email_key varchar(254);
update referral set company_name_key = lower(company_name), contact_email_key = lower(contact_email);

-- Replaced by the keys: lower(company_name) never used it
drop index referral_company_idx;
-- The unique subscription_line_unique (customer_id, line_number) already finds a customer's
-- subscriptions; this one only cost every write
drop index subscription_customer_status_idx;
-- No query looks invitations up by domain prefix
drop index invitation_domain_idx;

-- The relationship-ended notice looks up the accepted invitation of a customer (PostgreSQL indexes
-- no foreign key of its own)
create index invitation_customer_idx on invitation(customer_id);
