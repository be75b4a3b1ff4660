-- The catalog as Partner Center serves it (digest /work/shared/partner-center.md, "Catalog and prices"): products of
-- the new-commerce view, their SKUs per segment, one availability per SKU, and prices as the license-based price
-- sheet has them. This file is the one place that says what the sandbox sells: the app's order form is generated
-- from it (tools/catalog-to-form).
--
-- The line-up follows Microsoft 365 since April 2024: new customers buy the suites without Teams plus Microsoft
-- Teams Enterprise; Business Basic/Standard/Premium stop at 300 seats. Education sells A1/A3/A5-style plans,
-- Nonprofit the Business plans at nonprofit prices.

CREATE TABLE sandbox_product (
  product_id  VARCHAR(20)  PRIMARY KEY,
  title       VARCHAR(120) NOT NULL,
  description VARCHAR(255) NOT NULL
);

-- A row of sandbox_offer is one SKU with its one availability; segment is Partner Center's (commercial, education,
-- nonprofit); terms lists term/billing-plan pairs; withdrawn_at (epoch ms) hides it from the catalog while
-- subscriptions to it live on.
ALTER TABLE sandbox_offer ADD COLUMN segment VARCHAR(20);
ALTER TABLE sandbox_offer ADD COLUMN terms VARCHAR(120);
ALTER TABLE sandbox_offer ADD COLUMN withdrawn_at BIGINT;

-- Prices: the annual term billed annually, per seat per month in EUR, from effective_from until the next row of the
-- same item. The price sheet derives the other billing plans from it (annual billed monthly +5 %, monthly +20 %).
CREATE TABLE sandbox_price (
  catalog_item_id   VARCHAR(40)   NOT NULL REFERENCES sandbox_offer (catalog_item_id),
  effective_from    DATE          NOT NULL,
  annual_unit_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (catalog_item_id, effective_from)
);

-- Offers that left the line-up (Teams Essentials, the suites with Teams outside Corporate, the education Business
-- plans) stay, withdrawn: subscriptions may name them.
UPDATE sandbox_offer SET segment = 'commercial' WHERE category = 'Corporate';
UPDATE sandbox_offer SET segment = 'education' WHERE category = 'Education';
UPDATE sandbox_offer SET segment = 'nonprofit' WHERE category = 'Nonprofit';
UPDATE sandbox_offer SET terms = 'P1Y/annual P1Y/monthly P1M/monthly';
UPDATE sandbox_offer SET withdrawn_at = 1711929600000
  WHERE product_id = 'CFQ7TTC0RM8K'
     OR (segment = 'education' AND product_id <> 'CFQ7TTC0LH16')
     OR (segment = 'nonprofit' AND product_id NOT IN ('CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LCHC', 'CFQ7TTC0LFLZ',
         'CFQ7TTC0LH16'));
UPDATE sandbox_offer SET name = name || ' (no Teams)'
  WHERE product_id IN ('CFQ7TTC0LFLZ', 'CFQ7TTC0LFLX', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LF8R', 'CFQ7TTC0LF8S');
UPDATE sandbox_offer SET name = name || ' for faculty' WHERE segment = 'education';
UPDATE sandbox_offer SET name = name || ' (Nonprofit Staff Pricing)' WHERE segment = 'nonprofit';
UPDATE sandbox_offer SET terms = 'P1Y/annual P1Y/monthly P1M/monthly P3Y/annual P3Y/triennial'
  WHERE product_id IN ('CFQ7TTC0LFLZ', 'CFQ7TTC0LFLX') AND segment = 'commercial';

INSERT INTO sandbox_offer (catalog_item_id, product_id, sku_id, availability_id, name, category, product_group,
    minimum_quantity, maximum_quantity, annual_unit_price, sort_order, segment, terms) VALUES
  ('CFQ7TTC0MBMD:0001:CFQ7TTC0N8Z1', 'CFQ7TTC0MBMD', '0001', 'CFQ7TTC0N8Z1', 'Microsoft Teams Enterprise', '-', '-', 1, 5000, 5.10, 37, 'commercial', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0EA1P:0002:CFQ7TTC0EA1A', 'CFQ7TTC0EA1P', '0002', 'CFQ7TTC0EA1A', 'Office 365 A1 Plus for faculty', '-', '-', 1, 5000, 1.90, 40, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0EO3F:0002:CFQ7TTC0EO3A', 'CFQ7TTC0EO3F', '0002', 'CFQ7TTC0EO3A', 'Office 365 A3 (no Teams) for faculty', '-', '-', 1, 5000, 2.90, 41, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0EO5F:0002:CFQ7TTC0EO5A', 'CFQ7TTC0EO5F', '0002', 'CFQ7TTC0EO5A', 'Office 365 A5 (no Teams) for faculty', '-', '-', 1, 5000, 7.20, 42, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0EM3F:0002:CFQ7TTC0EM3A', 'CFQ7TTC0EM3F', '0002', 'CFQ7TTC0EM3A', 'Microsoft 365 A3 (no Teams) for faculty', '-', '-', 1, 5000, 6.30, 43, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0EM5F:0002:CFQ7TTC0EM5A', 'CFQ7TTC0EM5F', '0002', 'CFQ7TTC0EM5A', 'Microsoft 365 A5 (no Teams) for faculty', '-', '-', 1, 5000, 11.40, 44, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0MBMD:0002:CFQ7TTC0N8Z2', 'CFQ7TTC0MBMD', '0002', 'CFQ7TTC0N8Z2', 'Microsoft Teams Enterprise for faculty', '-', '-', 1, 5000, 3.06, 45, 'education', 'P1Y/annual P1Y/monthly P1M/monthly'),
  ('CFQ7TTC0MBMD:0003:CFQ7TTC0N8Z3', 'CFQ7TTC0MBMD', '0003', 'CFQ7TTC0N8Z3', 'Microsoft Teams Enterprise (Nonprofit Staff Pricing)', '-', '-', 1, 5000, 3.83, 46, 'nonprofit', 'P1Y/annual P1Y/monthly P1M/monthly');

-- Microsoft's billing-plan rule of 1 April 2025 is where the sandbox's prices start.
INSERT INTO sandbox_price (catalog_item_id, effective_from, annual_unit_price)
  SELECT catalog_item_id, DATE '2025-04-01', annual_unit_price FROM sandbox_offer;

INSERT INTO sandbox_product (product_id, title, description) VALUES
  ('CFQ7TTC0LH18', 'Microsoft 365 Business Basic', 'Web and mobile Office apps, Exchange mail and 1 TB of OneDrive.'),
  ('CFQ7TTC0LDPB', 'Microsoft 365 Business Standard', 'Desktop Office apps with Business Basic''s services.'),
  ('CFQ7TTC0LCHC', 'Microsoft 365 Business Premium', 'Business Standard with advanced security and device management.'),
  ('CFQ7TTC0LH1G', 'Microsoft 365 Apps for business', 'Desktop Office apps and OneDrive, without Exchange.'),
  ('CFQ7TTC0LFLZ', 'Microsoft 365 E3 (no Teams)', 'Office, Windows Enterprise and Enterprise Mobility + Security, without Teams.'),
  ('CFQ7TTC0LFLX', 'Microsoft 365 E5 (no Teams)', 'Microsoft 365 E3 with advanced security, compliance and Power BI Pro, without Teams.'),
  ('CFQ7TTC0LF8Q', 'Office 365 E1 (no Teams)', 'Web Office apps, Exchange and SharePoint, without Teams.'),
  ('CFQ7TTC0LF8R', 'Office 365 E3 (no Teams)', 'Desktop Office apps, Exchange and SharePoint, without Teams.'),
  ('CFQ7TTC0LF8S', 'Office 365 E5 (no Teams)', 'Office 365 E3 with advanced security and voice, without Teams.'),
  ('CFQ7TTC0LH16', 'Exchange Online (Plan 1)', 'Business mail with a 50 GB mailbox.'),
  ('CFQ7TTC0LH0R', 'Exchange Online (Plan 2)', 'Business mail with a 100 GB mailbox and unlimited archiving.'),
  ('CFQ7TTC0RM8K', 'Microsoft Teams Essentials', 'Teams meetings and chat for small businesses.'),
  ('CFQ7TTC0MBMD', 'Microsoft Teams Enterprise', 'Teams for the suites sold without it.'),
  ('CFQ7TTC0EA1P', 'Office 365 A1 Plus', 'Web Office apps for schools.'),
  ('CFQ7TTC0EO3F', 'Office 365 A3 (no Teams)', 'Desktop Office apps for schools, without Teams.'),
  ('CFQ7TTC0EO5F', 'Office 365 A5 (no Teams)', 'Office 365 A3 with advanced security for schools, without Teams.'),
  ('CFQ7TTC0EM3F', 'Microsoft 365 A3 (no Teams)', 'Office, Windows and device management for schools, without Teams.'),
  ('CFQ7TTC0EM5F', 'Microsoft 365 A5 (no Teams)', 'Microsoft 365 A3 with advanced security for schools, without Teams.');

ALTER TABLE sandbox_offer ALTER COLUMN segment SET NOT NULL;
ALTER TABLE sandbox_offer ALTER COLUMN terms SET NOT NULL;
ALTER TABLE sandbox_offer DROP COLUMN category;
ALTER TABLE sandbox_offer DROP COLUMN product_group;
ALTER TABLE sandbox_offer DROP COLUMN annual_unit_price;
