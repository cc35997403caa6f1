-- Tickets for issue 4: inboxes, agent HTML, and full-text search over what the customer may see.
-- Plain Postgres, so the same file runs on PGlite and on PostgreSQL.

-- Where agents work on tickets. A ticket without one (filed by phone, say) gets the portal's
-- default inbox when the customer first writes to it.
CREATE TABLE inboxes (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE tickets ADD COLUMN inbox_id text REFERENCES inboxes (id);
CREATE INDEX tickets_inbox_last_activity ON tickets (inbox_id, last_activity_at, id);

-- An agent's message as HTML (from email), kept raw: the elements sanitize it to render it.
ALTER TABLE messages ADD COLUMN html text;

-- Search vectors. 'simple' stems nothing, so prefix matching behaves alike in every language;
-- internal notes get no vector at all, so no search can ever match one.
ALTER TABLE tickets ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', subject)) STORED;
ALTER TABLE messages ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (CASE WHEN kind <> 'note' THEN to_tsvector('simple', body) END) STORED;
CREATE INDEX tickets_search ON tickets USING gin (search_vector);
CREATE INDEX messages_search ON messages USING gin (search_vector);

-- What people type in the search box, as a tsquery: web-search syntax ("quoted phrases",
-- or, -word), every word also matching as a prefix so "expo" finds "export". The lexemes of
-- websearch_to_tsquery's output are quoted ('…', quotes doubled inside); each gets ':*'.
CREATE FUNCTION ticket_search_query(input text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN to_tsquery(
    'simple',
    regexp_replace(websearch_to_tsquery('simple', input)::text, '(''(?:[^'']|'''')*'')', '\1:*', 'g')
  );
