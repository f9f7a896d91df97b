-- A customer that joined through an invitation: we know its tenant, not its country.
alter table customer alter column country drop not null;
