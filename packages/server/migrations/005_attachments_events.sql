-- Attachments of customer messages. The bytes live in the database, so a message and its files
-- are stored in one transaction (nothing partial) and every server node can serve them.
-- Live events need no table: they travel with NOTIFY on the channel 'kundportal_events'.

CREATE TABLE attachments (
  -- Random, server-chosen: the customer's file name never names anything on the server.
  id text PRIMARY KEY,
  message_id text NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  -- The original name, sanitized, kept only to offer it again on download.
  name text NOT NULL,
  -- The type the server detected from the bytes, never the one the client declared.
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  data bytea NOT NULL,
  -- Order of the files within their message.
  position integer NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX attachments_message ON attachments (message_id, position);
