-- Customer lifecycle: ending relationships (suspended subscriptions) and referrals.

alter table subscription add column suspended_at timestamp;

-- Referrals: a prospective customer's request, from the API or the referrals mailbox.
create table referral (
  id                    varchar(36)   primary key,
  process_instance_id   varchar(64),
  source                varchar(10)   not null,
  company_name          varchar(255)  not null,
  contact_first_name    varchar(50),
  contact_last_name     varchar(50),
  contact_email         varchar(254)  not null,
  contact_phone         varchar(30),
  country               varchar(2),
  language              varchar(10),
  need                  varchar(4000),
  status                varchar(20)   not null,
  estimated_deal_value  numeric(14,2),
  estimated_close_date  date,
  decided_by            varchar(100),
  decided_at            timestamp,
  decline_reason        varchar(1000),
  outcome_at            timestamp,
  onboarding_process_instance_id varchar(64),
  received_at           timestamp     not null,
  external_reference    varchar(200)  unique
);
create index referral_status_idx on referral(status);
create index referral_company_idx on referral(company_name);

-- Integration API: a client's request id maps to the instance it started, once.
create table api_request (
  client_request_id    varchar(100) primary key,
  operation            varchar(40)  not null,
  process_instance_id  varchar(64)  not null,
  requested_by         varchar(100) not null,
  created_at           timestamp    not null
);

-- Customer search filters (domain prefixes are stored lower-cased and already unique-indexed).
create index customer_reseller_idx on customer(reseller_id);
create index subscription_customer_status_idx on subscription(customer_id, status);
