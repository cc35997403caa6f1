import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../app-context.js';
import { SESSION_COOKIE, sessionLimits, signedInContact } from '../customer-session.js';
import { loadPortalSettings } from '../portal-settings.js';
import { sessionIsLive } from '../sessions.js';
import { ticketViewer, type TicketViewer } from '../ticket-viewer.js';
import { runEventStream } from './event-stream.js';
import type { EventHub } from './hub.js';

/** `GET /api/events`: the signed-in contact's live ticket and message events (SSE). */
export function eventRoutes(
  deps: AppDeps,
  hub: EventHub,
  reportError: (error: unknown) => void,
): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/events', async (c) => {
    const contact = await signedInContact(c, deps);
    const token = getCookie(c, SESSION_COOKIE) ?? '';
    const currentViewer = async (): Promise<TicketViewer | null> => {
      // Settings are read afresh: a permission taken away applies to open streams at once.
      const settings = await loadPortalSettings(db);
      const limits = sessionLimits(deps, settings);
      // Checked without touching the session: an open stream is not activity.
      const live = settings.enabled && (await sessionIsLive(db, token, deps.now(), limits));
      return live ? ticketViewer(contact, settings) : null;
    };
    return streamSSE(c, (stream) =>
      runEventStream(stream, { db, hub, currentViewer, reportError }),
    );
  });

  return app;
}
