import {
  PortalError,
  validatePassword,
  validateRegistration,
  type Contact,
  type LinkPurpose,
} from '@kundportal/core';
import { Hono, type Context } from 'hono';
import { assertMayEnter, assertMethodOffered, type EntryMethod } from '../access/access-policy.js';
import {
  createContact,
  findContactByEmail,
  findContactById,
  isEmailVerified,
  markEmailVerified,
  recordConsent,
  setPassword,
} from '../access/accounts.js';
import { queueLinkMail, type MailSite } from '../access/link-mail.js';
import { redeemLinkToken } from '../access/link-tokens.js';
import type { AppDeps, AppEnv } from '../app-context.js';
import { answerWithSession, beginSession } from '../customer-session.js';
import type { Queryable } from '../db.js';
import { alreadyRegisteredMail } from '../mail/messages.js';
import { enqueueMail } from '../mail/outbox.js';
import { hashPassword } from '../password.js';
import { RATE_LIMITS, consumeRateLimits } from '../rate-limit.js';
import { clientIp, portalUrlFor } from '../request-guards.js';
import {
  emailSchema,
  linkTokenSchema,
  readJsonBody,
  registrationSchema,
  setPasswordSchema,
} from '../request.js';
import { endAllSessions } from '../sessions.js';
import { currentLanguage, t } from '../i18n.js';

type AppContext = Context<AppEnv>;

/**
 * Every way in besides the password form, under `/api/auth` (see `http-api.ts`):
 * self-registration and its verification link, invitations, password reset and sign-in links.
 * Requests that mail a link answer 202 whether or not the address has an account.
 */
export function authRoutes(deps: AppDeps): Hono<AppEnv> {
  const { db, now } = deps;
  const app = new Hono<AppEnv>();

  const mailSite = (c: AppContext): MailSite => ({
    portalUrl: portalUrlFor(c, deps, c.var.settings),
    portalTitle: c.var.settings.title,
    language: currentLanguage(),
  });

  /** Mail-sending requests count against the address and the client's IP. */
  const consumeMailLimits = (c: AppContext, email: string) =>
    consumeRateLimits(
      db,
      [
        [RATE_LIMITS.mailPerAddress, email],
        [RATE_LIMITS.mailPerIp, clientIp(c, deps.trustProxy)],
      ],
      now(),
    );

  /** Redeems a link token and signs its contact in, all in one transaction. */
  const signInByLink = async (
    c: AppContext,
    token: string,
    purpose: LinkPurpose,
    method: EntryMethod,
    change: (tx: Queryable, contactId: string) => Promise<void>,
  ): Promise<Response> => {
    const started = await db.transaction(async (tx) => {
      const contactId = await redeemLinkToken(tx, token, purpose, now());
      // Refusing here rolls the transaction back, so the link stays usable if access returns.
      await assertMayEnter(tx, c.var.settings, contactId, method);
      await change(tx, contactId);
      const contact = await findContactById(tx, contactId);
      if (!contact) throw new Error(`link token of a missing contact ${contactId}`);
      return beginSession(c, deps, tx, contact);
    });
    return answerWithSession(c, started);
  };

  const checkNewPassword = (password: string): void => {
    const errors = validatePassword(password, currentLanguage());
    if (Object.keys(errors).length) {
      throw new PortalError('validation', t('chooseAnotherPassword'), errors);
    }
  };

  app.post('/auth/register', async (c) => {
    const settings = c.var.settings;
    if (settings.accessMode !== 'registration') {
      throw new PortalError('forbidden', t('noRegistration'));
    }
    const input = await readJsonBody(c, registrationSchema);
    const errors = validateRegistration(input, settings, currentLanguage());
    if (Object.keys(errors).length) {
      throw new PortalError('validation', t('someFieldsNeedAttention'), errors);
    }
    await consumeMailLimits(c, input.email);
    // Hashed for taken addresses too, so the answer takes as long either way.
    const passwordHash = await hashPassword(input.password);
    const site = mailSite(c);
    await db.transaction(async (tx) => {
      const contact = await createContact(
        tx,
        { email: input.email, name: input.name, passwordHash, verified: false },
        now(),
      );
      if (contact) {
        if (settings.consent) await recordConsent(tx, contact.id, settings.consent, now());
        await queueLinkMail(tx, site, contact, 'verify', now());
        return;
      }
      const existing = await findContactByEmail(tx, input.email);
      if (existing) {
        const copy = {
          portalTitle: site.portalTitle,
          recipientName: existing.name,
          language: site.language,
        };
        await enqueueMail(tx, existing.email, alreadyRegisteredMail(site.portalUrl, copy), now());
      }
    });
    deps.mailQueued();
    return c.body(null, 202);
  });

  app.post('/auth/verify', async (c) => {
    const { token } = await readJsonBody(c, linkTokenSchema);
    return signInByLink(c, token, 'verify', 'link', (tx, id) => markEmailVerified(tx, id, now()));
  });

  app.post('/auth/invitation', async (c) => {
    const { token, password } = await readJsonBody(c, setPasswordSchema);
    checkNewPassword(password);
    const passwordHash = await hashPassword(password);
    return signInByLink(c, token, 'invitation', 'password', (tx, id) =>
      setPassword(tx, id, passwordHash, now()),
    );
  });

  /** Mails a link of this purpose to the address if it may have one; 202 either way. */
  const requestLink = async (
    c: AppContext,
    purpose: LinkPurpose,
    method: EntryMethod,
    wanted: (contact: Contact) => Promise<boolean>,
  ): Promise<Response> => {
    const { email } = await readJsonBody(c, emailSchema);
    await consumeMailLimits(c, email);
    const contact = await findContactByEmail(db, email);
    // In the list modes an address off the lists is refused, known or not.
    await assertMayEnter(db, c.var.settings, contact?.id ?? null, method);
    if (contact && (await wanted(contact))) {
      const site = mailSite(c);
      await db.transaction((tx) => queueLinkMail(tx, site, contact, purpose, now()));
      deps.mailQueued();
    }
    return c.body(null, 202);
  };

  app.post('/auth/password-reset', async (c) => {
    assertMethodOffered(c.var.settings, 'password');
    return requestLink(c, 'reset', 'password', async () => true);
  });

  app.post('/auth/password', async (c) => {
    const { token, password } = await readJsonBody(c, setPasswordSchema);
    checkNewPassword(password);
    const passwordHash = await hashPassword(password);
    return signInByLink(c, token, 'reset', 'password', async (tx, id) => {
      await setPassword(tx, id, passwordHash, now());
      // Whoever knew the old password is signed out everywhere.
      await endAllSessions(tx, id);
    });
  });

  app.post('/auth/sign-in-link', async (c) => {
    assertMethodOffered(c.var.settings, 'link');
    if (!c.var.settings.signInLink) {
      throw new PortalError('forbidden', t('noSignInLinks'));
    }
    // Only to confirmed addresses: an unconfirmed account may have been registered by someone
    // else, who would otherwise get in through its owner's click.
    return requestLink(c, 'sign-in', 'link', (contact) => isEmailVerified(db, contact.id));
  });

  app.post('/auth/sign-in-link/redeem', async (c) => {
    const { token } = await readJsonBody(c, linkTokenSchema);
    return signInByLink(c, token, 'sign-in', 'link', async () => {});
  });

  return app;
}
