-- Single sign-on: ids that may be used once (JWT jti, SAML assertion ids) and sign-ins that
-- are under way (OIDC state with its nonce and PKCE verifier, SAML AuthnRequest ids). Both live
-- in the database so the rules hold across server nodes.

CREATE TABLE sso_used_ids (
  -- What the id belongs to, e.g. 'jwt' or 'saml:<provider id>'.
  scope text NOT NULL,
  id text NOT NULL,
  -- After this the token or assertion is refused for its age anyway, so the row can go.
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (scope, id)
);

CREATE INDEX sso_used_ids_expires ON sso_used_ids (expires_at);

CREATE TABLE sso_requests (
  -- The OIDC state or the SAML request id.
  id text NOT NULL,
  -- 'oidc:<provider id>' or 'saml:<provider id>': a request only finishes where it started.
  provider text NOT NULL,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (provider, id)
);

CREATE INDEX sso_requests_expires ON sso_requests (expires_at);
