import { PortalError, type Contact } from '@kundportal/core';
import type { SqlValue } from './db.js';
import type { PortalSettings } from './portal-settings.js';
import { ticketFiltersSql, type TicketFilter } from './ticket-filters.js';
import { t } from './i18n.js';

/** A signed-in contact with what the portal settings let them see and do with tickets. */
export interface TicketViewer {
  contact: Contact;
  /** The settings give company access and the contact has a primary company. */
  companyAccess: boolean;
  /** Only tickets matching every rule exist as far as the viewer can tell. */
  filters: readonly TicketFilter[];
  /** Where a ticket without an inbox goes once the viewer writes to it. */
  defaultInboxId: string | null;
}

/** The viewer for a contact under the current portal settings. */
export function ticketViewer(
  contact: Contact,
  settings: Pick<PortalSettings, 'ticketAccess' | 'ticketFilters' | 'defaultInboxId'>,
): TicketViewer {
  return {
    contact,
    companyAccess: settings.ticketAccess === 'company' && contact.companyId !== null,
    filters: settings.ticketFilters,
    defaultInboxId: settings.defaultInboxId,
  };
}

/** Which tickets a query is about: the viewer's own, or all the viewer may open. */
export type TicketReach = 'own' | 'viewable';

/**
 * A condition on `tickets t JOIN stages s` for the tickets the viewer reaches and the filter
 * rules let through; its values go into `params`. `viewable` adds the tickets of the viewer's
 * company's contacts when they have company access.
 */
export function viewerTicketsSql(
  viewer: TicketViewer,
  reach: TicketReach,
  params: SqlValue[],
): string {
  let who: string;
  if (reach === 'viewable' && viewer.companyAccess) {
    // `t.company_id` is always the requester's company (migration 006), and the viewer's own
    // tickets carry the viewer's, so this one condition, an index range, covers both.
    params.push(viewer.contact.companyId);
    who = `t.company_id = $${params.length}`;
  } else {
    params.push(viewer.contact.id);
    who = `t.contact_id = $${params.length}`;
  }
  return `${who} AND ${ticketFiltersSql(viewer.filters, params)}`;
}

/** 403 unless the viewer may list their company's tickets. */
export function assertCompanyAccess(viewer: TicketViewer): void {
  if (!viewer.companyAccess) {
    throw new PortalError('forbidden', t('ownTicketsOnly'));
  }
}
