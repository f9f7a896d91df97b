-- Demo data for the embedded default and the tests: a reseller directory and an offer catalog.

insert into reseller (id, name, partner_id, country, region, status, partner_agreement_signed) values
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01', 'Adatum IT Services',        '5100231', 'ES', 'EMEA', 'ACTIVE',   true),
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f02', 'Tailspin Cloud Solutions',  '5100478', 'DE', 'EMEA', 'ACTIVE',   true),
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f03', 'Litware Consulting',        '5100902', 'IT', 'EMEA', 'ACTIVE',   true),
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f04', 'Proseware Networks',        '5101155', 'GB', 'EMEA', 'INACTIVE', true),
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f05', 'Wingtip Systems',           '5101388', 'FR', 'EMEA', 'ACTIVE',   false),
  ('c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f06', 'Woodgrove Digital (Americas)', '5101620', 'US', 'AMERICAS', 'ACTIVE', true);

insert into offer (id, name, min_quantity, max_quantity, add_on, prerequisite_offer_id, retired) values
  ('M365-BUSINESS-BASIC',    'Microsoft 365 Business Basic',        1,   300, false, null, false),
  ('M365-BUSINESS-STANDARD', 'Microsoft 365 Business Standard',     1,   300, false, null, false),
  ('M365-BUSINESS-PREMIUM',  'Microsoft 365 Business Premium',      1,   300, false, null, false),
  ('O365-E3',                'Office 365 E3',                       1, 10000, false, null, false),
  ('M365-E5',                'Microsoft 365 E5',                    1, 10000, false, null, false),
  ('EXCHANGE-ONLINE-P1',     'Exchange Online (Plan 1)',            1, 10000, false, null, false),
  ('POWER-BI-PRO',           'Power BI Pro',                        1, 10000, false, null, false),
  ('TEAMS-PHONE-STANDARD',   'Teams Phone Standard',                1, 10000, true,  'O365-E3', false),
  ('DEFENDER-O365-P2',       'Microsoft Defender for Office 365 (Plan 2)', 1, 10000, true, 'M365-BUSINESS-PREMIUM', false),
  ('AZURE-PLAN',             'Azure plan',                          1,     1, false, null, false),
  ('DYNAMICS-365-SALES-ENT', 'Dynamics 365 Sales Enterprise',       5,  5000, false, null, false),
  ('VISIO-PLAN2-LEGACY',     'Visio Plan 2 (legacy SKU)',           1, 10000, false, null, true);
