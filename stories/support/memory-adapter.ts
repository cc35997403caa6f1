import {
  HTTP_STATUS,
  MemoryAdapter,
  type Message,
  type MemoryAdapterOptions,
  type NewTicketInput,
  type PortalErrorCode,
  type ReplyInput,
  type Session,
  type Ticket,
} from '@kundportal/core';
import { DEMO_ACCOUNT, demoData, type DemoData } from '@kundportal/core/demo';
import type { ArgTypes } from '@storybook/web-components-vite';

/** Long enough (about 11 days) that a story stays in its loading state while anyone looks. */
export const STAYS_LOADING_MS = 1e9;

/** The in-memory backend a story runs on, as Storybook controls. */
export interface AdapterArgs {
  /** Whether the demo account is signed in when the story opens. */
  signedIn: boolean;
  /** Which world the backend serves. */
  world: 'demo' | 'no-tickets' | 'portal-closed' | 'sso' | 'company' | 'stages' | 'property-column';
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
      'The demo data; without tickets; a portal switched off; one offering single sign-on; one ' +
      "giving access to the company's tickets; one showing stage names; one with a Product " +
      'column; one whose support form takes screenshots.',
    control: 'select',
    options: ['demo', 'no-tickets', 'portal-closed', 'sso', 'company', 'stages', 'property-column'],
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

/** Every language the elements have texts in, so the toolbar's reaches `<customer-portal>`. */
const STORY_LANGUAGES = ['en', 'sv', 'de', 'fr', 'es', 'ar'];

function worldData(world: AdapterArgs['world']): DemoData {
  const data = demoData();
  data.portal.languages = STORY_LANGUAGES;
  if (world === 'no-tickets') data.tickets = [];
  if (world === 'portal-closed') data.portal.enabled = false;
  if (world === 'sso') {
    data.portal.auth.sso = [
      { id: 'acme', kind: 'oidc', label: 'Sign in with Acme ID', startUrl: '#sso-acme' },
      { id: 'okta', kind: 'saml', label: 'Sign in with company SAML', startUrl: '#sso-saml' },
    ];
  }
  if (world === 'company') data.portal.ticketAccess = 'company';
  if (world === 'stages') data.portal.statusDisplay = 'stages';
  if (world === 'property-column') {
    data.portal.columns = ['id', 'subject', 'property:product', 'lastActivityAt', 'status'];
  }
  return data;
}

function adapterOptions({ signedIn, world, delayMs, failWith }: AdapterArgs): MemoryAdapterOptions {
  return {
    data: worldData(world),
    delayMs,
    ...(signedIn ? { signedInAs: DEMO_ACCOUNT.email } : {}),
    ...(failWith === 'none' ? {} : { failWith }),
  };
}

/** A fresh backend for one render, so stories never share tickets or sessions. */
export function memoryAdapter(args: AdapterArgs): MemoryAdapter {
  return new MemoryAdapter(adapterOptions(args));
}

/** Uploads stop at 40% and never finish, so a story can show the progress bar. */
class StalledUploadAdapter extends MemoryAdapter {
  override reply(_ticketId: string, input: ReplyInput): Promise<Message> {
    input.onProgress?.(40, 100);
    return new Promise(() => {});
  }

  override createTicket(input: NewTicketInput): Promise<Ticket> {
    input.onProgress?.(40, 100);
    return new Promise(() => {});
  }
}

/** Like `memoryAdapter`, but replies and new tickets stay uploading. */
export function stalledUploadAdapter(args: AdapterArgs): MemoryAdapter {
  return new StalledUploadAdapter(adapterOptions(args));
}

/** Signing in never answers, while everything else does. */
class StalledSignInAdapter extends MemoryAdapter {
  override signIn(): Promise<Session> {
    return new Promise(() => {});
  }
}

/** Like `memoryAdapter`, but a sign-in stays under way, so a story can show it waiting. */
export function stalledSignInAdapter(args: AdapterArgs): MemoryAdapter {
  return new StalledSignInAdapter(adapterOptions(args));
}
