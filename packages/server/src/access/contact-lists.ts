import { PortalError, type Contact } from '@kundportal/core';
import type { Queryable } from '../db.js';
import { isStorableText } from '../request.js';
import { createContact, findContactByEmail } from './accounts.js';

/** A contact list as the agent API shows it. */
export interface ContactList {
  id: string;
  name: string;
  members: { id: string; email: string; name: string; hasPassword: boolean }[];
}

export async function createContactList(
  tx: Queryable,
  name: string,
  now: Date,
  id?: string,
): Promise<ContactList> {
  const [row] = await tx.query<{ id: string; name: string }>(
    `INSERT INTO contact_lists (id, name, created_at)
     VALUES (COALESCE($1, gen_random_uuid()::text), $2, $3::timestamptz) RETURNING id, name`,
    [id ?? null, name.trim(), now.toISOString()],
  );
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return { ...row, members: [] };
}

/** Every list with its members, lists by name, members by email. */
export async function listContactLists(db: Queryable): Promise<ContactList[]> {
  const lists = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM contact_lists ORDER BY name, id',
  );
  const members = await db.query<{
    list_id: string;
    id: string;
    email: string;
    name: string;
    has_password: boolean;
  }>(
    `SELECT m.list_id, c.id, c.email, c.name, c.password_hash IS NOT NULL AS has_password
     FROM contact_list_members m JOIN contacts c ON c.id = m.contact_id
     ORDER BY lower(c.email)`,
  );
  return lists.map((list) => ({
    ...list,
    members: members
      .filter((m) => m.list_id === list.id)
      .map((m) => ({ id: m.id, email: m.email, name: m.name, hasPassword: m.has_password })),
  }));
}

async function assertListExists(tx: Queryable, listId: string): Promise<void> {
  // An id from the path that no list can have (a NUL, say) is not sent to the database at all.
  const rows = isStorableText(listId)
    ? await tx.query('SELECT 1 FROM contact_lists WHERE id = $1', [listId])
    : [];
  if (!rows.length) throw new PortalError('not_found', 'There is no such contact list.');
}

/**
 * Adds the contact with this address to the list, creating the contact (without a password)
 * if the address is new. Returns the contact and whether it was newly added to the list.
 */
export async function addListMember(
  tx: Queryable,
  listId: string,
  member: { email: string; name?: string | undefined },
  now: Date,
): Promise<{ contact: Contact; added: boolean }> {
  await assertListExists(tx, listId);
  const email = member.email.trim();
  const contact =
    (await findContactByEmail(tx, email)) ??
    (await createContact(
      tx,
      {
        email,
        name: member.name?.trim() || email.split('@')[0] || email,
        passwordHash: null,
        verified: false,
      },
      now,
    )) ??
    // Created by a concurrent request between the two statements above.
    (await findContactByEmail(tx, email));
  if (!contact) throw new Error(`contact ${email} vanished while being added`);
  const inserted = await tx.query(
    `INSERT INTO contact_list_members (list_id, contact_id, added_at)
     VALUES ($1, $2, $3::timestamptz) ON CONFLICT DO NOTHING RETURNING contact_id`,
    [listId, contact.id, now.toISOString()],
  );
  return { contact, added: inserted.length > 0 };
}

/** Removes the contact with this address from the list; the contact itself stays. */
export async function removeListMember(
  tx: Queryable,
  listId: string,
  email: string,
): Promise<boolean> {
  await assertListExists(tx, listId);
  if (!isStorableText(email)) return false;
  const removed = await tx.query(
    `DELETE FROM contact_list_members
     WHERE list_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE lower(email) = lower($2))
     RETURNING contact_id`,
    [listId, email.trim()],
  );
  return removed.length > 0;
}

/** Whether the contact is on at least one of the lists. */
export async function isOnAnyList(
  db: Queryable,
  contactId: string,
  listIds: readonly string[],
): Promise<boolean> {
  if (!listIds.length) return false;
  const rows = await db.query(
    `SELECT 1 FROM contact_list_members
     WHERE contact_id = $1 AND list_id IN (SELECT jsonb_array_elements_text($2::jsonb)) LIMIT 1`,
    [contactId, JSON.stringify(listIds)],
  );
  return rows.length > 0;
}

/** Members of any of the lists who have no password yet (they need an invitation). */
export async function membersWithoutPassword(
  db: Queryable,
  listIds: readonly string[],
): Promise<Contact[]> {
  if (!listIds.length) return [];
  const rows = await db.query<{
    id: string;
    email: string;
    name: string;
    company_id: string | null;
  }>(
    `SELECT DISTINCT c.id, c.email, c.name, c.company_id
     FROM contacts c JOIN contact_list_members m ON m.contact_id = c.id
     WHERE c.password_hash IS NULL AND m.list_id IN (SELECT jsonb_array_elements_text($1::jsonb))
     ORDER BY c.email`,
    [JSON.stringify(listIds)],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, companyId: r.company_id }));
}
