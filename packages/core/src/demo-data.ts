import { DEFAULT_ATTACHMENT_LIMITS } from './rules.js';
import { DEFAULT_COLUMNS, type Company, type PortalConfig, type Stage } from './types.js';

/** A message as stored: agents' internal notes sit beside what the customer may see. */
export interface SeedMessage {
  id: string;
  kind: 'agent' | 'customer' | 'note';
  authorName: string;
  text: string;
  /** Minutes before the seed's `now`. */
  minutesAgo: number;
}

export interface SeedTicket {
  id: string;
  contactId: string;
  subject: string;
  stageId: string;
  source: 'form' | 'email' | 'chat' | 'phone';
  minutesAgo: number;
  properties: Record<string, string>;
  /** Conversation threads, oldest first; the portal shows only the last one. */
  threads: { id: string; messages: SeedMessage[] }[];
}

export interface SeedContact {
  id: string;
  email: string;
  name: string;
  companyId: string | null;
  /** Demo password; the server stores only its scrypt hash. */
  password: string;
}

export interface DemoData {
  portal: PortalConfig;
  companies: Company[];
  contacts: SeedContact[];
  stages: Stage[];
  tickets: SeedTicket[];
}

/** The account the README and `npm start` print. */
export const DEMO_ACCOUNT = { email: 'ada@nordlys.example', password: 'kundportal-demo' } as const;

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * The demo world: one company with two contacts, tickets open and closed across several
 * pipeline stages, conversations with agent and customer messages, older threads and one
 * internal note that must never reach the portal.
 */
export function demoData(): DemoData {
  return {
    portal: {
      enabled: true,
      title: 'Nordlys Support',
      languages: ['en'],
      auth: { password: true, registration: true, signInLink: true, sso: [] },
      statusDisplay: 'open-closed',
      columns: [...DEFAULT_COLUMNS],
      propertyLabels: { product: 'Product' },
      ticketAccess: 'own',
      attachments: {
        ...DEFAULT_ATTACHMENT_LIMITS,
        allowedTypes: [...DEFAULT_ATTACHMENT_LIMITS.allowedTypes],
      },
      supportForm: {
        fields: [
          { name: 'subject', label: 'Subject', type: 'text', required: true },
          {
            name: 'product',
            label: 'Product',
            type: 'select',
            required: false,
            options: ['Invoicing', 'Payroll', 'Mobile app'],
          },
          {
            name: 'description',
            label: 'Describe the problem',
            type: 'textarea',
            required: true,
            help: 'What did you do, what happened, and what did you expect?',
          },
          {
            name: 'screenshots',
            label: 'Screenshots or files',
            type: 'file',
            required: false,
            help: 'A picture of the screen often says more than words.',
          },
        ],
      },
      nav: [{ label: 'Knowledge base', href: '/' }],
      branding: { logoUrl: null, accentColor: '#2f5fd0' },
      idleTimeoutMinutes: 30,
      consent: {
        text: 'We keep your name, email address and tickets to answer your questions. Read our [privacy notice](https://nordlys.example/privacy).',
        checkboxLabel: 'I agree that Nordlys may process my data to handle my support requests.',
        version: '2026-11-01',
      },
    },
    companies: [{ id: 'c-nordlys', name: 'Nordlys AB' }],
    contacts: [
      {
        id: 'p-ada',
        email: DEMO_ACCOUNT.email,
        name: 'Ada Lindqvist',
        companyId: 'c-nordlys',
        password: DEMO_ACCOUNT.password,
      },
      {
        id: 'p-bjorn',
        email: 'bjorn@nordlys.example',
        name: 'Björn Svensson',
        companyId: 'c-nordlys',
        password: 'kundportal-demo-2',
      },
    ],
    stages: [
      { id: 'support-new', pipeline: 'Support', label: 'New', closed: false, order: 1 },
      {
        id: 'support-progress',
        pipeline: 'Support',
        label: 'In progress',
        closed: false,
        order: 2,
      },
      {
        id: 'support-waiting',
        pipeline: 'Support',
        label: 'Waiting on customer',
        closed: false,
        order: 3,
      },
      { id: 'support-closed', pipeline: 'Support', label: 'Closed', closed: true, order: 4 },
      { id: 'billing-open', pipeline: 'Billing', label: 'Open', closed: false, order: 1 },
      { id: 'billing-resolved', pipeline: 'Billing', label: 'Resolved', closed: true, order: 2 },
    ],
    tickets: [
      {
        id: '1001',
        contactId: 'p-ada',
        subject: 'Invoices fail to export to PDF',
        stageId: 'support-waiting',
        source: 'form',
        minutesAgo: 3 * DAY,
        properties: { product: 'Invoicing' },
        threads: [
          {
            id: 't-1001-a',
            messages: [
              {
                id: 'm-1001-1',
                kind: 'customer',
                authorName: 'Ada Lindqvist',
                text: 'An earlier question about exports, answered long ago.',
                minutesAgo: 3 * DAY,
              },
            ],
          },
          {
            id: 't-1001-b',
            messages: [
              {
                id: 'm-1001-2',
                kind: 'customer',
                authorName: 'Ada Lindqvist',
                text: 'When I export March invoices to PDF the download never starts.',
                minutesAgo: 2 * DAY,
              },
              {
                id: 'm-1001-3',
                kind: 'note',
                authorName: 'Karin (agent)',
                text: 'INTERNAL NOTE: customer is on the legacy plan; do not mention the upgrade yet.',
                minutesAgo: 2 * DAY - 30,
              },
              {
                id: 'm-1001-4',
                kind: 'agent',
                authorName: 'Karin at Nordlys Support',
                text: 'Thanks Ada. Which browser do you use, and does it happen for other months?',
                minutesAgo: 2 * DAY - 45,
              },
            ],
          },
        ],
      },
      {
        id: '1002',
        contactId: 'p-ada',
        subject: 'Two-factor codes arrive late',
        stageId: 'support-new',
        source: 'email',
        minutesAgo: 5 * HOUR,
        properties: { product: 'Mobile app' },
        threads: [
          {
            id: 't-1002',
            messages: [
              {
                id: 'm-1002-1',
                kind: 'customer',
                authorName: 'Ada Lindqvist',
                text: 'The SMS code often arrives after it has expired.',
                minutesAgo: 5 * HOUR,
              },
            ],
          },
        ],
      },
      {
        id: '1003',
        contactId: 'p-ada',
        subject: 'Change our billing address',
        stageId: 'billing-resolved',
        source: 'chat',
        minutesAgo: 20 * DAY,
        properties: {},
        threads: [
          {
            id: 't-1003',
            messages: [
              {
                id: 'm-1003-1',
                kind: 'customer',
                authorName: 'Ada Lindqvist',
                text: 'We have moved to Storgatan 12, 111 23 Stockholm.',
                minutesAgo: 20 * DAY,
              },
              {
                id: 'm-1003-2',
                kind: 'agent',
                authorName: 'Olle at Nordlys Billing',
                text: 'Done: the next invoice goes to the new address.',
                minutesAgo: 19 * DAY,
              },
            ],
          },
        ],
      },
      {
        id: '1004',
        contactId: 'p-ada',
        subject: 'Payroll run shows the wrong tax table',
        stageId: 'support-progress',
        source: 'phone',
        minutesAgo: 1 * DAY,
        properties: { product: 'Payroll' },
        threads: [],
      },
      {
        id: '1005',
        contactId: 'p-ada',
        subject: 'Request: export to SIE format',
        stageId: 'support-closed',
        source: 'form',
        minutesAgo: 40 * DAY,
        properties: { product: 'Invoicing' },
        threads: [
          {
            id: 't-1005',
            messages: [
              {
                id: 'm-1005-1',
                kind: 'customer',
                authorName: 'Ada Lindqvist',
                text: 'Could you add SIE export for our accountant?',
                minutesAgo: 40 * DAY,
              },
              {
                id: 'm-1005-2',
                kind: 'agent',
                authorName: 'Karin at Nordlys Support',
                text: 'SIE export is now available under Reports.',
                minutesAgo: 30 * DAY,
              },
            ],
          },
        ],
      },
      {
        id: '1006',
        contactId: 'p-bjorn',
        subject: 'Salary slips for Björn only',
        stageId: 'support-new',
        source: 'email',
        minutesAgo: 2 * HOUR,
        properties: { product: 'Payroll' },
        threads: [
          {
            id: 't-1006',
            messages: [
              {
                id: 'm-1006-1',
                kind: 'customer',
                authorName: 'Björn Svensson',
                text: 'A private question that Ada must not see.',
                minutesAgo: 2 * HOUR,
              },
            ],
          },
        ],
      },
    ],
  };
}
