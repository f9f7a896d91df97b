-- What Microsoft handed out for an invitation in partnerflow.partner-center.mode=api: Partner
-- Center's reseller relationship request link, and the delegated admin (GDAP) relationship created
-- for it in Graph, whose approval link goes to the customer. Written in transactions of their own
-- right after Microsoft answered (invitation.MicrosoftRequests), so a send job that fails later never
-- creates a second admin relationship on its retry. Empty in ledger mode. No foreign key: the send
-- job that writes it holds its invitation row locked (like partner_center_customer).
create table invitation_microsoft (
  invitation_id              varchar(36)    primary key,
  reseller_link              varchar(2000),
  admin_relationship_id      varchar(100),
  admin_relationship_name    varchar(50),
  updated_at                 timestamp      not null
);
