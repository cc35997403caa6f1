// The customer-portal page: from the first script to a sign-in form that takes input.
import { MemoryAdapter } from '@kundportal/core';
import '@kundportal/elements/customer-portal.js';
import { paintedWhen } from './timing.js';

const portal = document.querySelector('customer-portal')!;
portal.adapter = new MemoryAdapter();

/** The sign-in form inside the portal, once it is there and enabled. */
function signInForm(): boolean {
  const login = portal.shadowRoot?.querySelector('portal-login');
  const form = login?.shadowRoot?.querySelector('form');
  const email = form?.querySelector<HTMLInputElement>('input[type=email]');
  return Boolean(email && !email.disabled && !email.closest('fieldset')?.disabled);
}

window.kpReady = paintedWhen(signInForm);

declare global {
  interface Window {
    kpStart: number;
    kpReady: Promise<number>;
  }
}
