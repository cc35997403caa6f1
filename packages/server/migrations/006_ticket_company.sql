-- The requester's company on the ticket, so "my company's tickets" is one index range instead of
-- a scan of every ticket joined with its requester. It always equals the requester's current
-- company (contacts.company_id): triggers keep it so when a ticket is filed or moves to another
-- contact and when a contact moves company, whoever writes the rows. A contact's tickets move
-- with them, as they did when the list read the company through the join.
-- Plain Postgres, so the same file runs on PGlite and on PostgreSQL.

ALTER TABLE tickets ADD COLUMN company_id text;

UPDATE tickets t SET company_id = c.company_id
FROM contacts c
WHERE c.id = t.contact_id AND c.company_id IS NOT NULL;

CREATE FUNCTION tickets_take_requester_company() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.company_id := (SELECT company_id FROM contacts WHERE id = NEW.contact_id);
  RETURN NEW;
END
$$;

-- Also on a write to company_id itself, so nothing can set it to anything but the requester's.
CREATE TRIGGER tickets_requester_company
  BEFORE INSERT OR UPDATE OF contact_id, company_id ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_take_requester_company();

CREATE FUNCTION contacts_move_tickets_with_company() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET company_id = NEW.company_id WHERE contact_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER contacts_company_tickets
  AFTER UPDATE OF company_id ON contacts
  FOR EACH ROW WHEN (OLD.company_id IS DISTINCT FROM NEW.company_id)
  EXECUTE FUNCTION contacts_move_tickets_with_company();

-- The company list pages by (sort column, id), like the contact indexes of 001 do for one's own.
CREATE INDEX tickets_company_last_activity ON tickets (company_id, last_activity_at, id)
  WHERE company_id IS NOT NULL;
CREATE INDEX tickets_company_created ON tickets (company_id, created_at, id)
  WHERE company_id IS NOT NULL;
CREATE INDEX tickets_company_id ON tickets (company_id, id) WHERE company_id IS NOT NULL;
CREATE INDEX tickets_contact_id ON tickets (contact_id, id);
