-- Which send of its invitation a link token belongs to. A token is recorded with the mail that
-- carries it (in the mail's own transaction), so a retried send job finds its mail sent and its
-- link alive; a new send revokes only the tokens of earlier sends. Older tokens have none.
alter table invitation_token add column send_number integer;
