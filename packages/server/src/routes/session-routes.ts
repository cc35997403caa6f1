import { PortalError } from '@kundportal/core';
import { Hono } from 'hono';
import { assertMayEnter, assertMethodOffered } from '../access/access-policy.js';
import type { AppDeps, AppEnv } from '../app-context.js';
import {
  answerWithSession,
  beginSession,
  currentSession,
  endCurrentSession,
} from '../customer-session.js';
import { portalConfigFrom } from '../portal-settings.js';
import { RATE_LIMITS, assertUnderLimit, recordHit } from '../rate-limit.js';
import { clientIp } from '../request-guards.js';
import { credentialsSchema, readJsonBody } from '../request.js';
import { checkCredentials } from '../sessions.js';
import { t } from '../i18n.js';

/** `GET /api/portal` and the password session: `GET`, `POST` (sign in) and `DELETE /api/session`. */
export function sessionRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/portal', (c) =>
    c.json(portalConfigFrom(c.var.settings, deps.ssoProviders(c.var.settings))),
  );

  app.get('/session', async (c) => c.json({ session: await currentSession(c, deps) }));

  app.post('/session', async (c) => {
    const settings = c.var.settings;
    const { email, password } = await readJsonBody(c, credentialsSchema);
    assertMethodOffered(settings, 'password');
    const now = deps.now();
    // Only failures count: someone who knows their password is never locked out by others.
    const limits = [
      [RATE_LIMITS.failedSignInPerAddress, email],
      [RATE_LIMITS.failedSignInPerIp, clientIp(c, deps.trustProxy)],
    ] as const;
    for (const [rule, subject] of limits) await assertUnderLimit(deps.db, rule, subject, now);
    const found = await checkCredentials(deps.db, email, password);
    if (!found) {
      for (const [rule, subject] of limits) await recordHit(deps.db, rule, subject, now);
      // One message for unknown email and wrong password: sign-in does not reveal who has an account.
      throw new PortalError('unauthenticated', t('wrongCredentials'));
    }
    await assertMayEnter(deps.db, settings, found.contact.id, 'password');
    if (!found.verified) throw new PortalError('forbidden', t('confirmEmailFirst'));
    const started = await deps.db.transaction((tx) => beginSession(c, deps, tx, found.contact));
    return answerWithSession(c, started);
  });

  app.delete('/session', async (c) => {
    await endCurrentSession(c, deps);
    return c.body(null, 204);
  });

  return app;
}
