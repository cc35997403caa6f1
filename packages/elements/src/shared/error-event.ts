import type { PortalError } from '@kundportal/core';

// The one event every element dispatches, the link included: apart from the others (events.ts),
// so a page with only the link loads just this one.

export const bubbling = { bubbles: true, composed: true } as const;

/** Something failed; the element also says so on screen. */
export class PortalErrorEvent extends Event {
  static readonly eventName = 'portal-error';
  readonly error: PortalError;

  constructor(error: PortalError) {
    super(PortalErrorEvent.eventName, bubbling);
    this.error = error;
  }
}
