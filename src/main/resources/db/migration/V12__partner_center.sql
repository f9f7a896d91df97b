-- What Partner Center (or the ledger standing in for it) knows of each customer we created or
-- connected with: its tenant, and when its agreement acceptance was sent. Written in transactions of
-- their own right after Partner Center answered (provisioning.CustomerTenants), so a later failure of
-- the same job cannot make us forget a tenant that exists. No foreign key: the job that writes it
-- holds the customer row locked.
create table partner_center_customer (
  customer_id            varchar(36)  primary key,
  tenant_id              varchar(64)  not null,
  commerce_id            varchar(64),
  agreement_accepted_on  date,
  created_at             timestamp    not null
);

-- The admin credentials Partner Center returned when it created a tenant, kept only until the
-- onboarding's "Hand over admin credentials" task ends (onboarding.AdminPasswordHandOver): no engine
-- variable, so no engine API, history or Cockpit view can read them.
create table partner_center_admin_credentials (
  customer_id  varchar(36)   primary key,
  user_name    varchar(300)  not null,
  password     varchar(256)  not null,
  created_at   timestamp     not null
);
