DROP TABLE login_throttle;
DROP TABLE api_tokens;
DROP TABLE memberships;
DROP TABLE companies;
DROP TABLE users;
