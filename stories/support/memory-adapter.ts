import { HTTP_STATUS, MemoryAdapter, type PortalErrorCode } from '@kundportal/core';
import { DEMO_ACCOUNT, demoData, type DemoData } from '@kundportal/core/demo';
import type { ArgTypes } from '@storybook/web-components-vite';

/** Long enough (about 11 days) that a story stays in its loading state while anyone looks. */
export const STAYS_LOADING_MS = 1e9;

/** The in-memory backend a story runs on, as Storybook controls. */
export interface AdapterArgs {
  /** Whether the demo account is signed in when the story opens. */
  signedIn: boolean;
  /** Which world the backend serves. */
  world: 'demo' | 'no-tickets' | 'portal-closed' | 'sso';
  /** Milliseconds every answer takes. */
  delayMs: number;
  /** Every call but `getPortal` fails with this code. */
  failWith: PortalErrorCode | 'none';
}

export const adapterArgs: AdapterArgs = {
  signedIn: true,
  world: 'demo',
  delayMs: 0,
  failWith: 'none',
};

const backend = { category: 'MemoryAdapter' };

export const adapterArgTypes: Partial<ArgTypes<AdapterArgs>> = {
  signedIn: {
    description: `Start signed in as ${DEMO_ACCOUNT.email} (password ${DEMO_ACCOUNT.password}).`,
    control: 'boolean',
    table: backend,
  },
  world: {
    description:
      'The demo data, the demo data without tickets, a portal switched off, or one offering single sign-on.',
    control: 'inline-radio',
    options: ['demo', 'no-tickets', 'portal-closed', 'sso'],
    table: backend,
  },
  delayMs: {
    description: 'Delay of every answer in milliseconds.',
    control: { type: 'number', min: 0, step: 500 },
    table: backend,
  },
  failWith: {
    description: 'Error code every call but `getPortal` fails with.',
    control: 'select',
    options: ['none', ...Object.keys(HTTP_STATUS)],
    table: backend,
  },
};

function worldData(world: AdapterArgs['world']): DemoData {
  const data = demoData();
  if (world === 'no-tickets') data.tickets = [];
  if (world === 'portal-closed') data.portal.enabled = false;
  if (world === 'sso') {
    data.portal.auth.sso = [
      { id: 'acme', kind: 'oidc', label: 'Sign in with Acme ID', startUrl: '#sso-acme' },
      { id: 'okta', kind: 'saml', label: 'Sign in with company SAML', startUrl: '#sso-saml' },
    ];
  }
  return data;
}

/** A fresh backend for one render, so stories never share tickets or sessions. */
export function memoryAdapter({ signedIn, world, delayMs, failWith }: AdapterArgs): MemoryAdapter {
  return new MemoryAdapter({
    data: worldData(world),
    delayMs,
    ...(signedIn ? { signedInAs: DEMO_ACCOUNT.email } : {}),
    ...(failWith === 'none' ? {} : { failWith }),
  });
}
