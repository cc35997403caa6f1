import { PortalError } from '@kundportal/core';
import type { Queryable } from '../db.js';
import { allowsPassword, needsListMembership, type PortalSettings } from '../portal-settings.js';
import { isOnAnyList } from './contact-lists.js';
import { t } from '../i18n.js';

/** How someone is getting in: a password, an emailed link, or a single sign-on provider. */
export type EntryMethod = 'password' | 'link' | 'sso';

/** Refuses (403) a method the access mode does not offer. */
export function assertMethodOffered(settings: PortalSettings, method: EntryMethod): void {
  if (method !== 'sso' && !allowsPassword(settings)) {
    throw new PortalError('forbidden', t('ssoOnly'));
  }
}

/**
 * Refuses (403 `forbidden`) anyone the access mode keeps out: a password or link in an SSO
 * mode, or someone not on an allowed contact list when the mode needs one. `contactId` is
 * `null` for an address without an account, which no list holds. The SSO module calls this
 * too, with `'sso'`, before it starts a session.
 */
export async function assertMayEnter(
  db: Queryable,
  settings: PortalSettings,
  contactId: string | null,
  method: EntryMethod,
): Promise<void> {
  assertMethodOffered(settings, method);
  if (!needsListMembership(settings)) return;
  if (contactId === null || !(await isOnAnyList(db, contactId, settings.allowedListIds))) {
    throw new PortalError('forbidden', t('accessDenied'));
  }
}
