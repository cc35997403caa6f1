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
