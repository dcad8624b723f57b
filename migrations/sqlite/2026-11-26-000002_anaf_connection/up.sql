CREATE TABLE anaf_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    owner_user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    access_token_enc TEXT NOT NULL,
    refresh_token_enc TEXT NOT NULL,
    access_expires_at TIMESTAMP NOT NULL,
    refresh_expires_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    last_refreshed_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX anaf_tokens_owner ON anaf_tokens(owner_user_id);

CREATE TABLE anaf_token_companies (
    token_id TEXT NOT NULL REFERENCES anaf_tokens(id) ON DELETE CASCADE,
    company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    covered BOOLEAN NOT NULL,
    detail TEXT,
    checked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (token_id, company_id)
);

CREATE TABLE token_links (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL,
    opened_at TIMESTAMP,
    completed_at TIMESTAMP,
    anaf_token_id TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE oauth_states (
    state_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_nonce_hash TEXT,
    link_id TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

CREATE TABLE token_warnings (
    token_id TEXT NOT NULL REFERENCES anaf_tokens(id) ON DELETE CASCADE,
    threshold_days INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (token_id, threshold_days)
);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    run_at TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    lease_owner TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    done_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX jobs_due ON jobs(run_at);

CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    leased_until TIMESTAMP,
    lease_owner TEXT,
    sent_at TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
