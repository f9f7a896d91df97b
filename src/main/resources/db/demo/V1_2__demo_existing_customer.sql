-- An existing customer we have no relationship with (yet), so the "domain already belongs to a
-- customer" path, which invites it to connect, can be tried at once.
insert into customer (id, company_name, domain_prefix, address_line1, address_line2, city, state, postal_code,
                      country, culture, language, registration_number, relationship, reseller_id, admin_user_name,
                      onboarding_process_instance_id, created_by, created_at, version)
values ('0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10', 'Fabrikam, Inc.', 'fabrikam', '4567 Main Street', null, 'Buffalo', 'NY',
        '98052', 'US', 'en-US', 'en', null, 'NONE', null, 'admin@fabrikam.onmicrosoft.com', null, 'seed',
        timestamp '2025-03-14 09:30:00', 0);
insert into contact (customer_id, role, first_name, last_name, email, phone)
values ('0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10', 'PRIMARY', 'Dana', 'Birkby', 'dana.birkby@fabrikam.example', '+1 716 555 0100');
