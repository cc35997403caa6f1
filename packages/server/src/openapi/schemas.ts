// Response schemas of the HTTP API, mirroring the domain types of `@kundportal/core`
// (`types.ts`, `errors.ts`) and the agent API's own types. The OpenAPI document is generated
// from them; nothing here checks requests (`request.ts` does).
//
// Objects are loose on purpose: a client must ignore fields it does not know, so a backend may
// send more than the contract names without breaking anyone.
import { z } from 'zod';

const isoDate = z.string().describe('ISO 8601 timestamp, e.g. 2026-01-31T12:00:00.000Z');

const builtInColumn = z.enum(['id', 'subject', 'createdAt', 'lastActivityAt', 'status']);

export const errorCodeSchema = z.enum([
  'unauthenticated',
  'forbidden',
  'not_found',
  'validation',
  'conflict',
  'rate_limited',
  'unavailable',
  'network',
  'server',
]);

/** `ErrorBody`: the body of every error response. */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: errorCodeSchema,
    message: z.string().describe('Says what went wrong, in words a customer understands.'),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .describe('Field name to a message saying what to fix (validation).'),
    retryAfter: z.number().optional().describe('Seconds to wait before trying again.'),
  }),
});

export const contactSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  companyId: z.string().nullable(),
});

export const sessionSchema = z.looseObject({
  contact: contactSchema,
  expiresAt: isoDate,
});

export const sessionStateSchema = z.looseObject({
  session: sessionSchema.nullable().describe('`null` when nobody is signed in.'),
});

const ssoProviderSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['jwt', 'oidc', 'saml']),
  label: z.string(),
  startUrl: z.string().nullable().describe('Where the browser goes to start; `null` for JWT.'),
});

const supportFormFieldSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'textarea', 'email', 'select', 'number', 'date', 'file']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
  help: z.string().optional(),
});

const attachmentLimitsSchema = z.looseObject({
  maxFileBytes: z.number().int(),
  maxMessageBytes: z.number().int(),
  allowedTypes: z.array(z.string()),
});

/** `PortalConfig`: public, readable before sign-in. */
export const portalConfigSchema = z.looseObject({
  enabled: z.boolean(),
  title: z.string(),
  languages: z.array(z.string()).describe('Primary language first.'),
  auth: z.looseObject({
    password: z.boolean(),
    registration: z.boolean(),
    signInLink: z.boolean(),
    sso: z.array(ssoProviderSchema),
  }),
  statusDisplay: z.enum(['open-closed', 'stages']),
  columns: z.array(z.union([builtInColumn, z.templateLiteral(['property:', z.string()])])),
  propertyLabels: z.record(z.string(), z.string()),
  ticketAccess: z.enum(['own', 'company']),
  attachments: attachmentLimitsSchema,
  supportForm: z.looseObject({ fields: z.array(supportFormFieldSchema) }),
  nav: z.array(z.looseObject({ label: z.string(), href: z.string() })),
  branding: z.looseObject({
    logoUrl: z.string().nullable(),
    faviconUrl: z.string().nullable().optional(),
    accentColor: z.string().nullable(),
  }),
  idleTimeoutMinutes: z.number(),
  consent: z
    .looseObject({ text: z.string(), checkboxLabel: z.string(), version: z.string() })
    .nullable(),
});

export const ticketSchema = z.looseObject({
  id: z.string(),
  subject: z.string(),
  createdAt: isoDate,
  lastActivityAt: isoDate,
  status: z.enum(['open', 'closed']),
  stageLabel: z.string(),
  requesterName: z.string(),
  properties: z.record(z.string(), z.string()),
});

/** `TicketSummary`: counts cheap enough for a navigation bar. */
export const ticketSummarySchema = z.looseObject({
  awaitingReply: z.number().int().min(0),
});

export const ticketPageSchema = z.looseObject({
  items: z.array(ticketSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as `cursor` for the next page; `null` at the end.'),
});

const attachmentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  url: z.string().describe('Where to download it, relative to the API host.'),
});

export const messageSchema = z.looseObject({
  id: z.string(),
  ticketId: z.string(),
  author: z.looseObject({ kind: z.enum(['agent', 'customer']), name: z.string() }),
  text: z.string(),
  html: z.string().optional().describe("An agent message's HTML, unsanitized."),
  createdAt: isoDate,
  attachments: z.array(attachmentSchema),
});

export const messageListSchema = z.looseObject({ items: z.array(messageSchema) });

// The agent API's types (agent-tickets.ts, tickets.ts, access/contact-lists.ts).

export const agentMessageSchema = messageSchema.extend({
  threadId: z.string(),
  kind: z.enum(['customer', 'agent', 'note']),
});

export const agentTicketSchema = ticketSchema.extend({
  source: z.enum(['form', 'email', 'chat', 'phone']),
  stageId: z.string(),
  pipeline: z.string(),
  inboxId: z.string().nullable(),
  contact: z.looseObject({ id: z.string(), email: z.string(), name: z.string() }),
});

export const agentTicketPageSchema = z.looseObject({
  items: z.array(agentTicketSchema),
  nextCursor: z.string().nullable(),
});

export const agentTicketDetailSchema = agentTicketSchema.extend({
  threads: z.array(
    z.looseObject({ id: z.string(), createdAt: isoDate, messages: z.array(agentMessageSchema) }),
  ),
});

const listMemberSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  hasPassword: z.boolean(),
});

export const contactListSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  members: z.array(listMemberSchema),
});

export const contactListsSchema = z.looseObject({ items: z.array(contactListSchema) });

export const listMembershipSchema = z.looseObject({
  contact: contactSchema,
  invited: z.boolean().describe('Whether an invitation was mailed.'),
});

/** `GET /api/openapi.json`: an OpenAPI 3.1 document (described by its own specification). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
