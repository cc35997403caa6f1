import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import React from 'react';
import { defineElement } from './define.js';

/** React prop names mapped to the `portal-*` events they listen to. */
export type PortalEventProps = Record<string, EventName>;

/**
 * A React component for one Kundportal element: element properties (`adapter`, `ticketId`, …)
 * as props, the events named in `events` as `onPortal…` props. The element is registered under
 * `tagName` when the component first renders, so an app pays only for the elements it uses.
 */
export function portalComponent<I extends HTMLElement, E extends PortalEventProps>(
  tagName: string,
  elementClass: new () => I,
  events: E,
  displayName: string,
): ReactWebComponent<I, E> {
  const Wrapped = createComponent({ react: React, tagName, elementClass, events, displayName });
  // Registration happens at render, before React creates the element, so it upgrades at once.
  // Props pass through untouched, so the wrapper is typed loosely inside and as `Wrapped` outside.
  const Registered = React.forwardRef<I, object>((props, ref) => {
    defineElement(tagName, elementClass);
    return React.createElement(Wrapped as React.ElementType, { ...props, ref });
  });
  Registered.displayName = displayName;
  return Registered as unknown as typeof Wrapped;
}
