import type { TicketListState } from './list-state.js';

/**
 * The customer changed the ticket list's filter, search, sort or view. A router puts `state` in
 * its route so the list survives reload and back/forward; cancel the event to say you did, so a
 * list with `sync-url` leaves the URL alone.
 */
export class PortalListStateEvent extends Event {
  static readonly eventName = 'portal-list-state';
  readonly state: TicketListState;
  /**
   * The change refines the current place (typing a search) rather than going somewhere new:
   * replace the history entry instead of pushing one.
   */
  readonly replace: boolean;

  constructor(state: TicketListState, { replace = false } = {}) {
    super(PortalListStateEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.state = state;
    this.replace = replace;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-list-state': PortalListStateEvent;
  }
}
