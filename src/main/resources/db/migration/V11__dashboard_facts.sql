-- The manager dashboard's facts: one compact row per process instance, completed user task and
-- async job, refreshed from the engine's history (dashboard.DashboardFacts) so that every figure is
-- one range scan of one indexed table, however large the history grows (measured: README,
-- "Dashboard at 100,000"). Rebuilt from history at any time; removed with the history's time-to-live.

create table dashboard_instance (
  id            varchar(64)   primary key,
  process_key   varchar(255)  not null,
  started_at    timestamp     not null,
  ended_at      timestamp,
  end_event     varchar(255),
  duration_ms   bigint,
  -- the furthest onboarding milestone passed (0 = started … 5 = onboarded); 0 for other processes
  stage         smallint      not null,
  -- why it was cancelled (onboarding), as the operator gave it
  reason        varchar(4000)
);
-- Covering: each figure reads its columns from the index alone
create index dashboard_instance_started_idx on dashboard_instance(process_key, started_at, stage, ended_at, end_event);
create index dashboard_instance_ended_idx on dashboard_instance(ended_at, process_key, duration_ms);

create table dashboard_task (
  id            varchar(64)   primary key,
  process_key   varchar(255)  not null,
  task_key      varchar(255)  not null,
  created_at    timestamp     not null,
  claimed_at    timestamp,
  completed_at  timestamp     not null,
  waiting_s     double precision not null,
  working_s     double precision not null
);
create index dashboard_task_completed_idx on dashboard_task(completed_at, process_key, task_key, waiting_s, working_s);

create table dashboard_job (
  id            varchar(64)   primary key,
  process_key   varchar(255)  not null,
  step          varchar(255)  not null,
  created_at    timestamp     not null,
  done_at       timestamp,
  failures      integer       not null
);
create index dashboard_job_created_idx on dashboard_job(created_at, process_key, step, failures, done_at);

-- How far the facts are refreshed (one row, locked while a node refreshes)
create table dashboard_refresh (
  name          varchar(20)   primary key,
  refreshed_to  timestamp
);
insert into dashboard_refresh (name, refreshed_to) values ('facts', null);

-- The registry figures select by these times
create index invitation_created_idx on invitation(created_at);
create index referral_received_idx on referral(received_at);
create index relationship_event_occurred_idx on relationship_event(occurred_at);
create index sent_mail_sent_idx on sent_mail(sent_at);
