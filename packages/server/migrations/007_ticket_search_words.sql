-- Every word a search can find in a ticket, in one vector on the ticket: its subject's and those
-- of its customer-visible messages, in every thread (no positions, as no phrase is matched
-- against it). A search first keeps the tickets that have all the words it needs, a cheap check
-- on the ticket's own row, and only those are checked message by message as before: a word found
-- nowhere no longer opens every thread of every ticket the customer may see.
-- Triggers keep it so when a ticket is filed or renamed and when messages or threads are written,
-- moved or deleted, whoever writes the rows. Plain Postgres, so the same file runs on PGlite and
-- on PostgreSQL.

ALTER TABLE tickets ADD COLUMN search_words tsvector NOT NULL DEFAULT ''::tsvector;

-- What a ticket must hold for `ticket_search_query(input)` to match its subject or one of its
-- messages: the same query with each phrase loosened to "all these words". NULL when the query
-- leaves words out (-word): a message without the word can match while another message has it,
-- so no check on all the ticket's words together can rule the ticket out.
CREATE FUNCTION ticket_search_prefilter(input text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN position('!' IN ticket_search_query(input)::text) = 0
    THEN regexp_replace(ticket_search_query(input)::text, '<(?:-|\d+)>', '&', 'g')::tsquery END;

-- The union of the words of vectors, without positions: a ticket's words from its messages'.
CREATE AGGREGATE tsvector_union(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- Renews the words of the tickets `ids` from their subjects and messages, in one statement
-- whatever their number. The tickets are locked first, in the order of their ids, and only then
-- read: a statement after the lock sees what a transaction that held it has committed, so two
-- writers to one ticket never leave it with only one of their changes. Internal notes have no
-- search vector (migration 004), so their words never get here.
CREATE FUNCTION renew_ticket_search_words(ids bigint[]) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM tickets WHERE id = ANY (ids) ORDER BY id FOR UPDATE;
  UPDATE tickets t SET search_words = strip(t.search_vector) || coalesce(w.words, '')
  FROM unnest(ids) AS changed (id)
  LEFT JOIN (
    SELECT th.ticket_id, tsvector_union(strip(m.search_vector)) AS words
    FROM threads th JOIN messages m ON m.thread_id = th.id
    WHERE th.ticket_id = ANY (ids)
    GROUP BY th.ticket_id) AS w ON w.ticket_id = changed.id
  WHERE t.id = changed.id;
END
$$;

-- A filed ticket has no messages yet: its subject's words.
CREATE FUNCTION tickets_take_subject_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_words := strip(to_tsvector('simple', NEW.subject));
  RETURN NEW;
END
$$;

CREATE TRIGGER tickets_filed_search_words
  BEFORE INSERT ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_take_subject_words();

-- A renamed ticket: its new subject's words with its messages', once the row holds the new
-- subject's search vector.
CREATE FUNCTION tickets_renew_search_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM renew_ticket_search_words(ARRAY[NEW.id]);
  RETURN NULL;
END
$$;

CREATE TRIGGER tickets_renamed_search_words
  AFTER UPDATE OF subject ON tickets
  FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject)
  EXECUTE FUNCTION tickets_renew_search_words();

-- The tickets whose messages a statement wrote, changed, moved or deleted.
CREATE FUNCTION messages_renew_ticket_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- New messages only add words: added to the ticket's row as it is when this writes it, so
    -- messages written to one ticket at once by two transactions both keep theirs.
    UPDATE tickets t SET search_words = t.search_words || added.words
    FROM (
      SELECT th.ticket_id, tsvector_union(strip(m.search_vector)) AS words
      FROM new_rows m JOIN threads th ON th.id = m.thread_id
      GROUP BY th.ticket_id) AS added
    WHERE t.id = added.ticket_id;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM renew_ticket_search_words(ARRAY(
      SELECT th.ticket_id FROM new_rows m JOIN threads th ON th.id = m.thread_id
      UNION SELECT th.ticket_id FROM old_rows m JOIN threads th ON th.id = m.thread_id));
  ELSE
    PERFORM renew_ticket_search_words(ARRAY(
      SELECT DISTINCT th.ticket_id FROM old_rows m JOIN threads th ON th.id = m.thread_id
      WHERE m.search_vector IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER messages_inserted_ticket_words
  AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_renew_ticket_words();
CREATE TRIGGER messages_updated_ticket_words
  AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_renew_ticket_words();
CREATE TRIGGER messages_deleted_ticket_words
  AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_renew_ticket_words();

-- A thread moved to another ticket, or deleted (its messages go with it, and then the messages'
-- trigger no longer finds their ticket): the tickets on both sides are renewed.
CREATE FUNCTION threads_renew_ticket_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM renew_ticket_search_words(ARRAY(
      SELECT ticket_id FROM new_rows UNION SELECT ticket_id FROM old_rows));
  ELSE
    PERFORM renew_ticket_search_words(ARRAY(SELECT DISTINCT ticket_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER threads_moved_ticket_words
  AFTER UPDATE ON threads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION threads_renew_ticket_words();
CREATE TRIGGER threads_deleted_ticket_words
  AFTER DELETE ON threads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION threads_renew_ticket_words();

SELECT renew_ticket_search_words(ARRAY(SELECT id FROM tickets));
