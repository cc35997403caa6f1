import type { Contact } from '@kundportal/core';
import type { Queryable } from '../db.js';

interface ContactRow {
  id: string;
  email: string;
  name: string;
  company_id: string | null;
}

const CONTACT_COLUMNS = 'id, email, name, company_id';

/** A contact by email address, in any case; `null` if there is none. */
export async function findContactByEmail(db: Queryable, email: string): Promise<Contact | null> {
  const [row] = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE lower(email) = lower($1)`,
    [email.trim()],
  );
  return row ? toContact(row) : null;
}

/** Whether the contact has confirmed its address (followed a link mailed to it). */
export async function isEmailVerified(db: Queryable, contactId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM contacts WHERE id = $1 AND email_verified_at IS NOT NULL',
    [contactId],
  );
  return rows.length > 0;
}

export async function findContactById(db: Queryable, id: string): Promise<Contact | null> {
  const [row] = await db.query<ContactRow>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1`,
    [id],
  );
  return row ? toContact(row) : null;
}

/**
 * Creates a contact unless the address has one; returns the new contact, or `null` when the
 * address was taken (also when another request took it a moment ago).
 */
export async function createContact(
  tx: Queryable,
  input: { email: string; name: string; passwordHash: string | null; verified: boolean },
  now: Date,
): Promise<Contact | null> {
  const [row] = await tx.query<ContactRow>(
    `INSERT INTO contacts (email, name, password_hash, email_verified_at, created_at)
     VALUES ($1, $2, $3, CASE WHEN $4 THEN $5::timestamptz END, $5::timestamptz)
     ON CONFLICT (lower(email)) DO NOTHING
     RETURNING ${CONTACT_COLUMNS}`,
    [input.email.trim(), input.name.trim(), input.passwordHash, input.verified, now.toISOString()],
  );
  return row ? toContact(row) : null;
}

/** Sets a new password; following an emailed link also proves the address. */
export async function setPassword(
  tx: Queryable,
  contactId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE contacts SET password_hash = $2,
       email_verified_at = COALESCE(email_verified_at, $3::timestamptz)
     WHERE id = $1`,
    [contactId, passwordHash, now.toISOString()],
  );
}

/** Marks the address as confirmed (it received a link and the link was followed). */
export async function markEmailVerified(
  tx: Queryable,
  contactId: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE contacts SET email_verified_at = COALESCE(email_verified_at, $2::timestamptz)
     WHERE id = $1`,
    [contactId, now.toISOString()],
  );
}

/** Records that the contact agreed to the consent text of this version, now. */
export async function recordConsent(
  tx: Queryable,
  contactId: string,
  consent: { text: string; version: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO consents (contact_id, version, text, given_at) VALUES ($1, $2, $3, $4::timestamptz)`,
    [contactId, consent.version, consent.text, now.toISOString()],
  );
}

export function toContact(row: ContactRow): Contact {
  return { id: row.id, email: row.email, name: row.name, companyId: row.company_id };
}
