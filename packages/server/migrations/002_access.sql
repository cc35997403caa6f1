-- Access: who may get in (contact lists, confirmed addresses, consent), one-time links in
-- emails, the mail outbox and rate-limit counters. Plain Postgres, for PGlite and PostgreSQL.

-- The row now holds the private PortalSettings; the public PortalConfig is derived from it.
ALTER TABLE portal_settings RENAME COLUMN config TO settings;

-- Self-registered contacts sign in only once they followed the verification link. Contacts
-- that could sign in before this migration keep doing so.
ALTER TABLE contacts ADD COLUMN email_verified_at timestamptz;
UPDATE contacts SET email_verified_at = created_at WHERE password_hash IS NOT NULL;

CREATE TABLE contact_lists (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE contact_list_members (
  list_id text NOT NULL REFERENCES contact_lists (id) ON DELETE CASCADE,
  contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (list_id, contact_id)
);

CREATE INDEX contact_list_members_contact ON contact_list_members (contact_id);

-- Proof of consent to processing: who agreed, when, and to which wording.
CREATE TABLE consents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  version text NOT NULL,
  text text NOT NULL,
  given_at timestamptz NOT NULL
);

CREATE INDEX consents_contact ON consents (contact_id);

-- One-time links (verify, invitation, reset, sign-in). Only the sha256 of the token is kept.
CREATE TABLE link_tokens (
  id text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('verify', 'invitation', 'reset', 'sign-in')),
  contact_id text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE INDEX link_tokens_contact ON link_tokens (contact_id, purpose);

-- Mail is written in the same transaction as the action that causes it and sent afterwards,
-- so a crash between the two loses nothing.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text NOT NULL,
  -- The one link in the mail, if any, for the console and the dev mailbox.
  link text,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- Also a lease: a sender that claims a mail moves this forward while it sends.
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  failed_at timestamptz
);

CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at)
  WHERE sent_at IS NULL AND failed_at IS NULL;

-- Rate-limit events, in the database so that limits hold across server nodes. `subject` is
-- the sha256 of the address or IP, so the table is no list of who tried what.
CREATE TABLE rate_limit_hits (
  rule text NOT NULL,
  subject text NOT NULL,
  at timestamptz NOT NULL
);

CREATE INDEX rate_limit_hits_lookup ON rate_limit_hits (rule, subject, at);
