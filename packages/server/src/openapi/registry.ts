// Every route of the HTTP API with what it takes and what it answers: the source of the OpenAPI
// document (`document.ts`). `openapi.test.ts` checks it against the routes Hono really has.
import type { z } from 'zod';
import { newListSchema, newMemberSchema } from '../agent-api.js';
import { portalSettingsPatchSchema, portalSettingsSchema } from '../portal-settings.js';
import {
  credentialsSchema,
  emailSchema,
  linkTokenSchema,
  newTicketSchema,
  registrationSchema,
  replySchema,
  setPasswordSchema,
  ticketQuerySchema,
} from '../request.js';
import {
  agentMessageSchema as agentMessageInputSchema,
  inboxQuerySchema,
  ticketMoveSchema,
} from '../routes/agent-ticket-routes.js';
import { tokenBodySchema } from '../sso/routes.js';
import {
  agentMessageSchema,
  agentTicketDetailSchema,
  agentTicketPageSchema,
  agentTicketSchema,
  contactListSchema,
  contactListsSchema,
  listMembershipSchema,
  messageListSchema,
  messageSchema,
  openApiDocumentSchema,
  portalConfigSchema,
  sessionSchema,
  sessionStateSchema,
  ticketPageSchema,
  ticketSchema,
  ticketSummarySchema,
} from './schemas.js';

/** Who may call a route: anyone, a signed-in contact (session cookie), or an agent (API key). */
export type RouteAccess = 'public' | 'session' | 'agent';

export interface ResponseDoc {
  description: string;
  /** The JSON body; absent for empty answers and for non-JSON content. */
  schema?: z.ZodType;
  /** Non-JSON content, e.g. `text/event-stream`; the body is then described, not schematized. */
  contentType?: string;
  /** Response headers worth knowing, by name. */
  headers?: Record<string, string>;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Under the API base (`/api` on the reference server), in Hono's syntax: `/tickets/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  query?: z.ZodObject;
  /** A JSON body. */
  body?: z.ZodType;
  /** The JSON body may also come as multipart form data: a `data` part and `files` parts. */
  multipart?: boolean;
  /** Another request body than JSON, e.g. a form post. */
  formBody?: { contentType: string; description: string };
  responses: Record<number, ResponseDoc>;
  /** Statuses answered with an `ErrorBody`, besides 500 and 503, which any route may answer. */
  errors: readonly number[];
}

/** Named schemas of the document's `components`, by name. */
export const RESPONSE_SCHEMAS = {
  PortalConfig: portalConfigSchema,
  Session: sessionSchema,
  SessionState: sessionStateSchema,
  Ticket: ticketSchema,
  TicketPage: ticketPageSchema,
  TicketSummary: ticketSummarySchema,
  Message: messageSchema,
  MessageList: messageListSchema,
  AgentTicket: agentTicketSchema,
  AgentTicketPage: agentTicketPageSchema,
  AgentTicketDetail: agentTicketDetailSchema,
  AgentMessage: agentMessageSchema,
  PortalSettings: portalSettingsSchema,
  ContactList: contactListSchema,
  ContactLists: contactListsSchema,
  ListMembership: listMembershipSchema,
} satisfies Record<string, z.ZodType>;

export const REQUEST_SCHEMAS = {
  Credentials: credentialsSchema,
  RegistrationInput: registrationSchema,
  EmailInput: emailSchema,
  LinkTokenInput: linkTokenSchema,
  SetPasswordInput: setPasswordSchema,
  ReplyInput: replySchema,
  NewTicketInput: newTicketSchema,
  SsoTokenInput: tokenBodySchema,
  AgentMessageInput: agentMessageInputSchema,
  TicketMove: ticketMoveSchema,
  PortalSettingsPatch: portalSettingsPatchSchema,
  NewContactList: newListSchema,
  NewListMember: newMemberSchema,
} satisfies Record<string, z.ZodType>;

const SESSION_STARTED: ResponseDoc = {
  description: 'Signed in: the new session. Sets the HttpOnly session cookie.',
  schema: sessionSchema,
  headers: { 'Set-Cookie': 'The session cookie (`kp_session`), HttpOnly.' },
};
const MAIL_ACCEPTED: ResponseDoc = {
  description:
    'Accepted. The same answer whether or not the address has an account, so it reveals nobody.',
};
const REDIRECT: ResponseDoc = {
  description: 'Redirect (`Location`).',
  headers: { Location: 'Where the browser goes next.' },
};
const BACK_TO_PORTAL: ResponseDoc = {
  description:
    'Back to the portal page, signed in (session cookie set), or with `#/access-denied` or `#/sso-error` in the fragment.',
  headers: { Location: 'The portal page.' },
};

/** Statuses a write answers besides its own: a malformed body, a missing CSRF header or origin. */
const WRITE = [400, 403] as const;
const LINK_TOKEN_ERRORS = [...WRITE, 404, 422] as const;
const AGENT = [401] as const;

/** The routes, in the order the document lists them. */
export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/portal',
    tag: 'Portal',
    access: 'public',
    summary: 'The public portal configuration',
    description: 'Readable before sign-in, and also while the portal is off (`enabled: false`).',
    responses: { 200: { description: 'The configuration.', schema: portalConfigSchema } },
    errors: [],
  },
  {
    method: 'get',
    path: '/session',
    tag: 'Session',
    access: 'public',
    summary: 'Who is signed in',
    responses: { 200: { description: 'The session, or `null`.', schema: sessionStateSchema } },
    errors: [],
  },
  {
    method: 'post',
    path: '/session',
    tag: 'Session',
    access: 'public',
    summary: 'Sign in with email and password',
    description:
      'A wrong password and an unknown address get the same 401. An address whose registration is not confirmed yet gets 403.',
    body: credentialsSchema,
    responses: { 200: SESSION_STARTED },
    errors: [...WRITE, 401, 422, 429],
  },
  {
    method: 'delete',
    path: '/session',
    tag: 'Session',
    access: 'public',
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out (also when nobody was signed in).' } },
    errors: WRITE,
  },
  {
    method: 'post',
    path: '/auth/register',
    tag: 'Access',
    access: 'public',
    summary: 'Register (self-registration)',
    description:
      'Mails a verification link (`#/verify/<token>`). A taken address gets the same 202, and its owner a notice instead of a link.',
    body: registrationSchema,
    responses: { 202: MAIL_ACCEPTED },
    errors: [...WRITE, 422, 429],
  },
  {
    method: 'post',
    path: '/auth/verify',
    tag: 'Access',
    access: 'public',
    summary: 'Confirm an address with the token from the verification link',
    body: linkTokenSchema,
    responses: { 200: SESSION_STARTED },
    errors: LINK_TOKEN_ERRORS,
  },
  {
    method: 'post',
    path: '/auth/invitation',
    tag: 'Access',
    access: 'public',
    summary: 'Accept an invitation: set a password with the token from the invitation link',
    body: setPasswordSchema,
    responses: { 200: SESSION_STARTED },
    errors: LINK_TOKEN_ERRORS,
  },
  {
    method: 'post',
    path: '/auth/password-reset',
    tag: 'Access',
    access: 'public',
    summary: 'Ask for a password reset link',
    body: emailSchema,
    responses: { 202: MAIL_ACCEPTED },
    errors: [...WRITE, 422, 429],
  },
  {
    method: 'post',
    path: '/auth/password',
    tag: 'Access',
    access: 'public',
    summary: 'Set a new password with the token from the reset link',
    description: 'Ends every other session of the contact.',
    body: setPasswordSchema,
    responses: { 200: SESSION_STARTED },
    errors: LINK_TOKEN_ERRORS,
  },
  {
    method: 'post',
    path: '/auth/sign-in-link',
    tag: 'Access',
    access: 'public',
    summary: 'Ask for a sign-in link (passwordless)',
    body: emailSchema,
    responses: { 202: MAIL_ACCEPTED },
    errors: [...WRITE, 422, 429],
  },
  {
    method: 'post',
    path: '/auth/sign-in-link/redeem',
    tag: 'Access',
    access: 'public',
    summary: 'Sign in with the token from a sign-in link',
    body: linkTokenSchema,
    responses: { 200: SESSION_STARTED },
    errors: LINK_TOKEN_ERRORS,
  },
  {
    method: 'get',
    path: '/tickets',
    tag: 'Tickets',
    access: 'session',
    summary: "The signed-in contact's tickets, a page at a time",
    description:
      'Most recently active first by default. `scope=company` needs the `company` ticket access.',
    query: ticketQuerySchema,
    responses: { 200: { description: 'A page of tickets.', schema: ticketPageSchema } },
    errors: [401, 403, 422],
  },
  {
    method: 'post',
    path: '/tickets',
    tag: 'Tickets',
    access: 'session',
    summary: 'File a new ticket',
    description:
      'The description becomes the first message. The same `idempotencyKey` again answers 200 with the ticket filed the first time.',
    body: newTicketSchema,
    multipart: true,
    responses: {
      201: { description: 'Filed.', schema: ticketSchema },
      200: { description: 'Filed before with this idempotency key.', schema: ticketSchema },
    },
    errors: [...WRITE, 401, 413, 422, 429],
  },
  {
    method: 'get',
    path: '/tickets/summary',
    tag: 'Tickets',
    access: 'session',
    summary: "Counts about the signed-in contact's tickets",
    description:
      '`awaitingReply`: their own open tickets (under the filter rules) whose latest customer-visible message is from an agent.',
    responses: { 200: { description: 'The counts.', schema: ticketSummarySchema } },
    errors: [401],
  },
  {
    method: 'get',
    path: '/tickets/:id',
    tag: 'Tickets',
    access: 'session',
    summary: 'One ticket',
    description: '"Not yours" answers exactly like "not there": 404.',
    responses: { 200: { description: 'The ticket.', schema: ticketSchema } },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/tickets/:id/messages',
    tag: 'Tickets',
    access: 'session',
    summary: "The conversation of the ticket's latest thread",
    description: 'Customer-visible messages only, oldest first; internal notes never appear.',
    responses: { 200: { description: 'The messages.', schema: messageListSchema } },
    errors: [401, 404],
  },
  {
    method: 'post',
    path: '/tickets/:id/messages',
    tag: 'Tickets',
    access: 'session',
    summary: 'Reply to an open ticket',
    description:
      'A closed ticket answers 409. The same `idempotencyKey` again answers 200 with the stored reply.',
    body: replySchema,
    multipart: true,
    responses: {
      201: { description: 'Stored.', schema: messageSchema },
      200: { description: 'Stored before with this idempotency key.', schema: messageSchema },
    },
    errors: [...WRITE, 401, 404, 409, 413, 422, 429],
  },
  {
    method: 'get',
    path: '/attachments/:id',
    tag: 'Tickets',
    access: 'session',
    summary: 'Download an attachment',
    responses: {
      200: {
        description:
          'The file, as a download (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`).',
        contentType: 'application/octet-stream',
        headers: {
          'Content-Disposition': '`attachment` with the file name.',
          'X-Content-Type-Options': '`nosniff`.',
        },
      },
    },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/events',
    tag: 'Tickets',
    access: 'session',
    summary: 'Live events for the signed-in contact (server-sent events)',
    description:
      'Events `ticket` (data: a Ticket) and `message` (data: a Message) as JSON, for tickets the contact may see.',
    responses: {
      200: {
        description: 'The event stream, open until the session ends.',
        contentType: 'text/event-stream',
      },
    },
    errors: [401],
  },
  {
    method: 'post',
    path: '/sso/jwt',
    tag: 'Single sign-on',
    access: 'public',
    summary: "Sign in with a JWT from the site's own app",
    description:
      'JSON `{token}` answers with the session. A form post (`jwt` or `token` field) from the site redirects to the portal instead. A token in the URL is refused.',
    body: tokenBodySchema,
    formBody: {
      contentType: 'application/x-www-form-urlencoded',
      description: 'A field `jwt` or `token` holding the signed token.',
    },
    responses: { 200: SESSION_STARTED, 303: BACK_TO_PORTAL },
    errors: [...WRITE, 401, 404, 422, 429],
  },
  {
    method: 'get',
    path: '/sso/oidc/:id/start',
    tag: 'Single sign-on',
    access: 'public',
    summary: 'Start an OpenID Connect sign-in',
    responses: { 302: REDIRECT },
    errors: [404],
  },
  {
    method: 'get',
    path: '/sso/oidc/:id/callback',
    tag: 'Single sign-on',
    access: 'public',
    summary: "The identity provider's return (OpenID Connect)",
    responses: { 303: BACK_TO_PORTAL },
    errors: [404],
  },
  {
    method: 'get',
    path: '/sso/saml/:id/start',
    tag: 'Single sign-on',
    access: 'public',
    summary: 'Start a SAML sign-in',
    responses: { 302: REDIRECT },
    errors: [404],
  },
  {
    method: 'post',
    path: '/sso/saml/:id/acs',
    tag: 'Single sign-on',
    access: 'public',
    summary: "The identity provider's assertion (SAML assertion consumer service)",
    formBody: {
      contentType: 'application/x-www-form-urlencoded',
      description: 'A field `SAMLResponse`.',
    },
    responses: { 303: BACK_TO_PORTAL },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/sso/saml/:id/metadata',
    tag: 'Single sign-on',
    access: 'public',
    summary: 'Service provider metadata (SAML)',
    responses: {
      200: { description: 'The metadata.', contentType: 'application/samlmetadata+xml' },
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/agent/settings',
    tag: 'Agent',
    access: 'agent',
    summary: 'The portal settings, everything configured (private)',
    responses: { 200: { description: 'The settings.', schema: portalSettingsSchema } },
    errors: AGENT,
  },
  {
    method: 'patch',
    path: '/agent/settings',
    tag: 'Agent',
    access: 'agent',
    summary: 'Change portal settings',
    description:
      'Each field given replaces the old value. Contact lists newly allowed get their invitations.',
    body: portalSettingsPatchSchema,
    responses: {
      200: { description: 'The settings after the change.', schema: portalSettingsSchema },
    },
    errors: [...AGENT, 400, 422],
  },
  {
    method: 'get',
    path: '/agent/lists',
    tag: 'Agent',
    access: 'agent',
    summary: 'Contact lists and their members',
    responses: { 200: { description: 'The lists.', schema: contactListsSchema } },
    errors: AGENT,
  },
  {
    method: 'post',
    path: '/agent/lists',
    tag: 'Agent',
    access: 'agent',
    summary: 'Create a contact list',
    body: newListSchema,
    responses: { 201: { description: 'Created.', schema: contactListSchema } },
    errors: [...AGENT, 400, 422],
  },
  {
    method: 'post',
    path: '/agent/lists/:id/members',
    tag: 'Agent',
    access: 'agent',
    summary: 'Add an address to a contact list',
    description:
      'A new address becomes a contact; in the lists access modes it is invited by email.',
    body: newMemberSchema,
    responses: {
      201: { description: 'Added.', schema: listMembershipSchema },
      200: { description: 'Already a member.', schema: listMembershipSchema },
    },
    errors: [...AGENT, 400, 404, 422],
  },
  {
    method: 'delete',
    path: '/agent/lists/:id/members/:email',
    tag: 'Agent',
    access: 'agent',
    summary: 'Remove an address from a contact list',
    responses: { 204: { description: 'Removed.' } },
    errors: [...AGENT, 404],
  },
  {
    method: 'get',
    path: '/agent/tickets',
    tag: 'Agent',
    access: 'agent',
    summary: 'The inbox: tickets, most recently active first',
    query: inboxQuerySchema,
    responses: { 200: { description: 'A page of tickets.', schema: agentTicketPageSchema } },
    errors: [...AGENT, 404, 422],
  },
  {
    method: 'get',
    path: '/agent/tickets/:id',
    tag: 'Agent',
    access: 'agent',
    summary: 'A ticket with every thread, internal notes included',
    responses: { 200: { description: 'The ticket.', schema: agentTicketDetailSchema } },
    errors: [...AGENT, 404],
  },
  {
    method: 'post',
    path: '/agent/tickets/:id/messages',
    tag: 'Agent',
    access: 'agent',
    summary: 'Reply to the customer, or add an internal note',
    body: agentMessageInputSchema,
    responses: { 201: { description: 'Stored.', schema: agentMessageSchema } },
    errors: [...AGENT, 400, 404, 422],
  },
  {
    method: 'patch',
    path: '/agent/tickets/:id',
    tag: 'Agent',
    access: 'agent',
    summary: 'Move a ticket to another stage or inbox',
    body: ticketMoveSchema,
    responses: { 200: { description: 'The ticket after the move.', schema: agentTicketSchema } },
    errors: [...AGENT, 400, 404, 422],
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Reference',
    access: 'public',
    summary: 'This document',
    responses: {
      200: { description: 'The OpenAPI 3.1 document.', schema: openApiDocumentSchema },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'Reference',
    access: 'public',
    summary: 'This document as a readable page (Swagger UI)',
    responses: { 200: { description: 'The page.', contentType: 'text/html' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs/:file',
    tag: 'Reference',
    access: 'public',
    summary: "The reference page's scripts and styles",
    responses: { 200: { description: 'The file.', contentType: 'text/plain' } },
    errors: [404],
  },
];

/** The `ErrorBody` responses' descriptions, by status. */
export const ERROR_STATUSES: Record<number, string> = {
  400: 'The body is not JSON, or not well-formed form data (code `validation`).',
  401: 'Not signed in, or the session ended (code `unauthenticated`); for the agent API, no valid key.',
  403: 'Not allowed (code `forbidden`): not permitted for this contact, or a write without the CSRF header `x-kundportal: 1` or from an origin that is not allowed.',
  404: 'Not there, or not for this contact (code `not_found`).',
  409: 'Conflicts with the current state, e.g. a reply to a closed ticket (code `conflict`).',
  413: 'The request is too large (code `validation`).',
  422: 'Fields are missing or wrong (code `validation`); `fields` names each with what to fix.',
  429: 'Too many attempts (code `rate_limited`); `Retry-After` says how many seconds to wait.',
  500: 'Something went wrong on the server (code `server`).',
  503: 'The portal is off or the database cannot be reached (code `unavailable`).',
};
