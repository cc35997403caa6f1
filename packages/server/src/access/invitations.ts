import type { Contact } from '@kundportal/core';
import type { Queryable } from '../db.js';
import type { PortalSettings } from '../portal-settings.js';
import { membersWithoutPassword } from './contact-lists.js';
import { queueLinkMail, type MailSite } from './link-mail.js';
import { hasOpenInvitation } from './link-tokens.js';

/** Contacts the settings want invited: in `lists` mode, allowed-list members without a password. */
async function wantInvitation(tx: Queryable, settings: PortalSettings): Promise<Contact[]> {
  if (settings.accessMode !== 'lists') return [];
  return membersWithoutPassword(tx, settings.allowedListIds);
}

/**
 * Invites everyone the new settings let in who the old ones did not (a list added to the
 * allowed set, or the mode switched to `lists`), unless they hold an open invitation already.
 * Returns the contacts invited.
 */
export async function inviteNewlyAllowed(
  tx: Queryable,
  before: PortalSettings,
  after: PortalSettings,
  site: MailSite,
  now: Date,
): Promise<Contact[]> {
  const already = new Set((await wantInvitation(tx, before)).map((c) => c.id));
  const invited: Contact[] = [];
  for (const contact of await wantInvitation(tx, after)) {
    if (already.has(contact.id) || (await hasOpenInvitation(tx, contact.id, now))) continue;
    await queueLinkMail(tx, site, contact, 'invitation', now);
    invited.push(contact);
  }
  return invited;
}

/**
 * Invites one contact just added to a list, if the settings want them invited and they hold no
 * open invitation. Returns whether an invitation was queued.
 */
export async function inviteIfWanted(
  tx: Queryable,
  settings: PortalSettings,
  contact: Contact,
  site: MailSite,
  now: Date,
): Promise<boolean> {
  const wanted = (await wantInvitation(tx, settings)).some((c) => c.id === contact.id);
  if (!wanted || (await hasOpenInvitation(tx, contact.id, now))) return false;
  await queueLinkMail(tx, site, contact, 'invitation', now);
  return true;
}
