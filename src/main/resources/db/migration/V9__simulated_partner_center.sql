-- The simulated Partner Center's own records (provisioning.SimulatedPartnerCenter), standing in for
-- the remote system's: what it created and suspended, by idempotency key. It writes them in
-- transactions of its own, so they survive a rollback of ours, as a remote system's work would.
-- Nothing of ours references them (a remote system knows nothing of our tables); unused when a real
-- Partner Center client is configured.

create table simulated_partner_center_subscription (
  id                   varchar(64)  primary key,
  idempotency_key      varchar(200) not null,
  customer_id          varchar(36)  not null,
  offer_id             varchar(64)  not null,
  quantity             integer      not null,
  reseller_partner_id  varchar(20),
  status               varchar(20)  not null,
  -- how many calls carried this key: 1, plus one per retry that found the subscription already created
  requests             integer      not null,
  created_at           timestamp    not null,
  suspended_at         timestamp,
  constraint simulated_pc_subscription_key_unique unique (idempotency_key)
);

create table simulated_partner_center_suspension (
  idempotency_key  varchar(200) primary key,
  subscription_id  varchar(64)  not null,
  requests         integer      not null,
  requested_at     timestamp    not null
);
