import type { Contact, LinkPurpose } from '@kundportal/core';
import type { Queryable } from '../db.js';
import { linkMail } from '../mail/messages.js';
import { enqueueMail } from '../mail/outbox.js';
import { issueLinkToken } from './link-tokens.js';

/** What a mail needs to know about the portal it comes from. */
export interface MailSite {
  /** The portal page links point at, e.g. `https://help.example.com/support.html`. */
  portalUrl: string;
  portalTitle: string;
  /** The language the mail is written in (a catalog language, e.g. `sv`). */
  language: string;
}

/**
 * `<portal url>#/<purpose>/<token>`: the token rides in the fragment, never the query, so it
 * stays out of server and proxy logs (see `http-api.ts`).
 */
export function linkUrl(portalUrl: string, purpose: LinkPurpose, token: string): string {
  return `${portalUrl.replace(/#.*$/, '')}#/${purpose}/${token}`;
}

/** Issues a one-time link for the contact and queues the mail carrying it, in `tx`. */
export async function queueLinkMail(
  tx: Queryable,
  site: MailSite,
  contact: Contact,
  purpose: LinkPurpose,
  now: Date,
): Promise<void> {
  const token = await issueLinkToken(tx, contact.id, purpose, now);
  const message = linkMail(purpose, linkUrl(site.portalUrl, purpose, token), {
    portalTitle: site.portalTitle,
    recipientName: contact.name,
    language: site.language,
  });
  await enqueueMail(tx, contact.email, message, now);
}
