-- Every customer, however it came in, has its relationship history from the day it came in, and the
-- registry records what it knows of it rather than invented values. New customers get this from the
-- code (CustomerRegistry.create, RelationshipService); this brings the customers of older databases
-- to the same state.

-- The admin user of a tenant we did not create (one that came in by an invitation) is unknown: the
-- name "admin@<domain>" was a guess. Such a customer was created with its invitation's event.
alter table customer alter column admin_user_name drop not null;
update customer set admin_user_name = null
where onboarding_process_instance_id is null
  and exists (select 1 from relationship_event e
              where e.customer_id = customer.id and e.source = 'INVITATION' and e.occurred_at = customer.created_at);

-- A tenant we created (onboarding) is ours to administer from the start: delegated admin. Onboarded
-- customers whose relationship never changed since (no event at all) get the grant now; one whose
-- relationship ended or was re-established keeps what those events left.
update customer set delegated_admin = true
where onboarding_process_instance_id is not null and relationship = 'RESELLER'
  and not exists (select 1 from relationship_event e where e.customer_id = customer.id);

-- Their first event: came in by onboarding, when the record was created, by who started it.
insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source)
select c.id, 'RESELLER', true, c.created_at, coalesce(c.created_by, 'system'), 'ONBOARDING'
from customer c
where c.onboarding_process_instance_id is not null
  and not exists (select 1 from relationship_event e where e.customer_id = c.id and e.source = 'ONBOARDING');

-- Customers that came in neither way (tenants listed as they were, like the demo's Fabrikam): an
-- event for what they had when recorded. No event ever changed it, so that is what they have now.
insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source)
select c.id, c.relationship, c.delegated_admin, c.created_at, coalesce(c.created_by, 'system'), 'EXISTING_TENANT'
from customer c
where not exists (select 1 from relationship_event e where e.customer_id = c.id);

-- A customer without a contact whose relationship came from an invitation: the global admin who
-- accepted its first one is its contact. The code splits the name confirmed on the page; here the
-- invited admin's names stand in for it.
insert into contact (customer_id, role, first_name, last_name, email, phone)
select e.customer_id, 'PRIMARY', coalesce(i.admin_first_name, substring(i.answered_by_name from 1 for 50), ''),
       coalesce(i.admin_last_name, ''), coalesce(i.answered_by_email, i.admin_email), null
from relationship_event e join invitation i on i.id = e.invitation_id
where e.id = (select min(f.id) from relationship_event f where f.customer_id = e.customer_id and f.source = 'INVITATION')
  and not exists (select 1 from contact k where k.customer_id = e.customer_id and k.role = 'PRIMARY');
