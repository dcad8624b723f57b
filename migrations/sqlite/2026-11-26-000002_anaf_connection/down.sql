DROP TABLE mail_outbox;
DROP TABLE jobs;
DROP TABLE token_warnings;
DROP TABLE oauth_states;
DROP TABLE token_links;
DROP TABLE anaf_token_companies;
DROP TABLE anaf_tokens;
