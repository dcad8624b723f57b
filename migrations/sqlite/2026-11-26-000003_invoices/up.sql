-- Invoices and credit notes of a company, issued by it (outgoing) or addressed to it (incoming).
-- `data` is the document as the model holds it (JSON of domain::Invoice); `xml` the UBL bytes
-- exactly as received or generated, when there are any (a draft made through the API has none
-- until it is issued). Amounts for lists are in minor units (bani).
CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    number TEXT NOT NULL,
    issue_date DATE NOT NULL,
    currency TEXT NOT NULL,
    partner_name TEXT NOT NULL,
    partner_cif TEXT NOT NULL,
    payable_minor BIGINT NOT NULL,
    data TEXT NOT NULL,
    xml BLOB,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- The same document cannot be stored twice: one number per partner, kind and issue date.
CREATE UNIQUE INDEX invoices_identity ON invoices(company_id, direction, partner_cif, kind, number, issue_date);
CREATE INDEX invoices_company_date ON invoices(company_id, issue_date);
