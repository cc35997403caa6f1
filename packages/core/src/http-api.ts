/**
 * The reference backend's HTTP API, as HttpAdapter speaks it. Paths are relative to the
 * API base (`/api` on the reference server). Errors come as `ErrorBody` with the HTTP status
 * of their code.
 *
 * GET    portal                   -> PortalConfig
 * GET    session                  -> { session: Session | null }
 * POST   session                  {email, password} -> Session (sets the session cookie)
 * DELETE session                  -> 204
 * GET    tickets?scope&status&q&sort&cursor&limit -> Page<Ticket>
 * POST   tickets                  NewTicketInput -> 201 Ticket (200 on an idempotent repeat)
 * GET    tickets/:id              -> Ticket
 * GET    tickets/:id/messages     -> { items: Message[] }
 * POST   tickets/:id/messages     ReplyInput -> 201 Message (200 on an idempotent repeat)
 */

/** Every state-changing request carries this header; the server refuses those without it. */
export const CSRF_HEADER = 'x-kundportal';
export const CSRF_VALUE = '1';

/*
 * Access (all POST, JSON):
 * auth/register            RegistrationInput -> 202
 * auth/verify              {token} -> Session
 * auth/invitation          {token, password} -> Session
 * auth/password-reset      {email} -> 202
 * auth/password            {token, password} -> Session
 * auth/sign-in-link        {email} -> 202
 * auth/sign-in-link/redeem {token} -> Session
 * sso/jwt                  {token} -> Session (also a form POST from the site's app: redirects)
 * GET sso/oidc/:id/start, sso/saml/:id/start -> redirect to the identity provider
 *
 * Links in emails point at the portal page with the token in the fragment, never the query,
 * so it stays out of server logs: `<portal url>#/verify/<token>`, `#/invitation/<token>`,
 * `#/reset/<token>`, `#/sign-in/<token>`.
 */

/*
 * Tickets, beyond the list above:
 * POST tickets, POST tickets/:id/messages  also take multipart form data: a part `data` holding
 *                                          the JSON fields, and one part `files` per attachment
 * GET  attachments/:id                     the file, as a download (Content-Disposition:
 *                                          attachment, X-Content-Type-Options: nosniff), for
 *                                          those who may see its ticket
 * GET  events                              server-sent events for the signed-in contact:
 *                                          `event: ticket` / `event: message`, JSON data
 *
 * Agent API (Authorization: Bearer <key>):
 * GET   agent/tickets?inbox&status         the inbox
 * GET   agent/tickets/:id                  a ticket with every thread and internal note
 * POST  agent/tickets/:id/messages         {text, html?, internal?: boolean}
 * PATCH agent/tickets/:id                  {stageId?, inboxId?}
 */
