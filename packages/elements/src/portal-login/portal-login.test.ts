import {
  MemoryAdapter,
  PortalError,
  type PortalAdapter,
  type Session,
  type SetPasswordInput,
} from '@kundportal/core';
import { DEMO_ACCOUNT, demoData, type DemoData } from '@kundportal/core/demo';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../customer-portal/customer-portal.js';
import { nextEvent, visibleText, waitForSelector, waitForText } from '../shared/test-utils.js';
import './portal-login.js';
import type { LoginView, PortalLogin } from './portal-login.component.js';

const NEW_PERSON = {
  name: 'Greta Holm',
  email: 'greta@example.com',
  password: 'a-long-passphrase',
};

const find = <E extends Element = HTMLElement>(el: PortalLogin, selector: string) =>
  el.shadowRoot!.querySelector<E>(selector);

const heading = (el: PortalLogin) => find(el, 'h2')?.textContent?.trim();

function button(el: PortalLogin, name: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (b) => b.textContent!.replace(/\s+/g, ' ').trim() === name,
  );
  if (!found) throw new Error(`No button "${name}" in: ${visibleText(el)}`);
  return found;
}

/** A portal-login on `adapter`, once its view has rendered. */
async function loginOn(
  adapter: PortalAdapter,
  view: LoginView = 'sign-in',
  token?: string,
): Promise<PortalLogin> {
  const el = await fixture<PortalLogin>(
    html`<portal-login .adapter=${adapter} view=${view} .token=${token}></portal-login>`,
  );
  await waitUntil(() => find(el, 'h2'), 'The view never rendered');
  return el;
}

function fill(el: PortalLogin, values: Record<string, string>): void {
  for (const [id, value] of Object.entries(values)) {
    const input = find<HTMLInputElement>(el, `#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}

function submit(el: PortalLogin): void {
  find<HTMLButtonElement>(el, 'button[type=submit]')!.click();
}

async function signInWith(el: PortalLogin, email: string, password: string): Promise<void> {
  fill(el, { email, password });
  submit(el);
}

async function register(el: PortalLogin, consent: boolean): Promise<void> {
  button(el, 'Create an account').click();
  await waitUntil(() => heading(el) === 'Create an account');
  fill(el, NEW_PERSON);
  find<HTMLInputElement>(el, '#consent')!.checked = consent;
  submit(el);
}

function dataWith(change: (data: DemoData) => void): DemoData {
  const data = demoData();
  change(data);
  return data;
}

describe('portal-login', () => {
  describe('sign in', () => {
    it('labels its fields for autofill and passes an accessibility audit', async () => {
      const el = await loginOn(new MemoryAdapter());
      expect(find(el, '#email')!.getAttribute('autocomplete')).to.equal('username');
      expect(find(el, '#password')!.getAttribute('autocomplete')).to.equal('current-password');
      expect(find(el, 'label[for=email]')!.textContent).to.equal('Email');
      expect(el.shadowRoot!.textContent).to.contain('Use your Nordlys Support account.');
      await expect(el).to.be.accessible();
    });

    it('signs in with the demo account and fires portal-signed-in', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      const signedIn = nextEvent(el, 'portal-signed-in');
      await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
      const event = await signedIn;
      expect(event.session.contact.name).to.equal('Ada Lindqvist');
      expect(event.bubbles && event.composed).to.equal(true);
      expect((await adapter.getSession())?.contact.email).to.equal(DEMO_ACCOUNT.email);
    });

    it('says when the password is wrong and does not sign in', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      let signedIn = false;
      el.addEventListener('portal-signed-in', () => (signedIn = true));
      const failed = nextEvent(el, 'portal-error');
      await signInWith(el, DEMO_ACCOUNT.email, 'not-the-password');
      expect((await failed).error.code).to.equal('unauthenticated');
      await el.updateComplete;
      expect(find(el, '[role=alert]')!.textContent).to.contain('Email or password is wrong.');
      expect(signedIn).to.equal(false);
      expect(await adapter.getSession()).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('asks for the fields it needs before sending anything', async () => {
      const el = await loginOn(new MemoryAdapter());
      submit(el);
      await el.updateComplete;
      const email = find(el, '#email')!;
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(email.getAttribute('aria-describedby')).to.equal('email-error');
      expect(find(el, '#email-error')!.textContent!.trim()).to.equal('Enter your email address.');
      expect(find(el, '#email-error')!.getAttribute('role')).to.equal('alert');
      expect(find(el, '#password-error')!.textContent!.trim()).to.equal('Enter your password.');
      await waitUntil(() => el.shadowRoot!.activeElement === email);
      await expect(el).to.be.accessible();
    });

    it('disables the form while signing in', async () => {
      const el = await loginOn(new MemoryAdapter({ delayMs: 50 }));
      const signedIn = nextEvent(el, 'portal-signed-in');
      await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
      await el.updateComplete;
      expect(find<HTMLFieldSetElement>(el, 'fieldset')!.disabled).to.equal(true);
      expect(find(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
      await signedIn;
    });

    it('says when to try again after too many attempts', async () => {
      class RateLimited extends MemoryAdapter {
        override async signIn(): Promise<Session> {
          throw new PortalError('rate_limited', 'Slow down.', {}, 300);
        }
      }
      const el = await loginOn(new RateLimited());
      await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
      await waitForText(el, 'Too many attempts. Try again in 5 minutes.');
      expect(find(el, '[role=alert]')!.textContent).to.contain('Try again in 5 minutes.');
    });

    it('offers the ways in the portal allows', async () => {
      const el = await loginOn(new MemoryAdapter());
      for (const name of ['Forgot password?', 'Email me a sign-in link', 'Create an account']) {
        expect(button(el, name).isConnected).to.equal(true);
      }
      expect(find(el, 'a[part=sso]')).to.equal(null);
    });

    it('shows SSO providers as links that take the whole window to their start URL', async () => {
      const data = dataWith(({ portal }) => {
        portal.auth = {
          password: false,
          registration: false,
          signInLink: false,
          sso: [
            {
              id: 'acme',
              kind: 'oidc',
              label: 'Sign in with Acme ID',
              startUrl: '/api/sso/oidc/acme/start',
            },
            {
              id: 'corp',
              kind: 'saml',
              label: 'Sign in with Corp',
              startUrl: 'https://idp.example/start',
            },
            { id: 'app', kind: 'jwt', label: 'Signed by the app', startUrl: null },
            { id: 'bad', kind: 'oidc', label: 'Run script', startUrl: 'javascript:alert(1)' },
          ],
        };
      });
      const el = await loginOn(new MemoryAdapter({ data }));
      const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[part=sso]')];
      expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target])).to.deep.equal([
        ['Sign in with Acme ID', '/api/sso/oidc/acme/start', '_top'],
        ['Sign in with Corp', 'https://idp.example/start', '_top'],
      ]);
      expect(find(el, 'form')).to.equal(null);
      expect(el.shadowRoot!.querySelectorAll('.choices button')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('says inline that an unconfirmed address must be confirmed, with a way to get a new link', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      await register(el, true);
      await waitUntil(() => heading(el) === 'Check your email');
      button(el, 'Back to sign in').click();
      await waitUntil(() => heading(el) === 'Sign in');
      await signInWith(el, NEW_PERSON.email, NEW_PERSON.password);
      await waitForText(el, 'Confirm your email address first');
      expect(heading(el)).to.equal('Sign in');
      button(el, 'Send me a new link').click();
      await waitUntil(() => heading(el) === 'Reset your password');
      expect(find<HTMLInputElement>(el, '#email')!.value).to.equal(NEW_PERSON.email);
    });

    it('uses the adapter a customer-portal provides', async () => {
      const adapter: PortalAdapter = new MemoryAdapter();
      const portal = await fixture(html`<customer-portal .adapter=${adapter}></customer-portal>`);
      const el = await waitForSelector<PortalLogin>(portal, 'portal-login');
      await waitUntil(() => find(el, '#email'));
      const signedIn = nextEvent(portal, 'portal-signed-in');
      await signInWith(el, DEMO_ACCOUNT.email, DEMO_ACCOUNT.password);
      expect((await signedIn).session.contact.email).to.equal(DEMO_ACCOUNT.email);
    });
  });

  describe('register', () => {
    it('shows the consent text with real links and the rest as text', async () => {
      const data = dataWith(({ portal }) => {
        portal.consent = {
          text: 'Read the [terms](https://example.com/terms) and <b>[not a link](javascript:alert(1))</b>.',
          checkboxLabel: 'I agree.',
          version: '1',
        };
      });
      const el = await loginOn(new MemoryAdapter({ data }), 'register');
      const text = find(el, '#consent-text')!;
      const links = [...text.querySelectorAll('a')];
      expect(links).to.have.length(1);
      expect(links[0]!.getAttribute('href')).to.equal('https://example.com/terms');
      expect(links[0]!.target).to.equal('_blank');
      expect(links[0]!.rel).to.equal('noopener noreferrer');
      expect(text.querySelector('b')).to.equal(null);
      expect(text.textContent).to.contain('<b>[not a link](javascript:alert(1))</b>');
      expect(find(el, 'label[for=consent]')!.textContent).to.equal('I agree.');
      expect(find(el, '#consent')!.getAttribute('aria-describedby')).to.equal('consent-text');
    });

    it('labels its fields for autofill, shows the password rule and passes an audit', async () => {
      const el = await loginOn(new MemoryAdapter(), 'register');
      expect(find(el, '#name')!.getAttribute('autocomplete')).to.equal('name');
      expect(find(el, '#email')!.getAttribute('autocomplete')).to.equal('email');
      expect(find(el, '#password')!.getAttribute('autocomplete')).to.equal('new-password');
      expect(find(el, '#password')!.getAttribute('aria-describedby')).to.equal('password-hint');
      expect(find(el, '#password-hint')!.textContent).to.equal('At least 10 characters.');
      await expect(el).to.be.accessible();
    });

    it('sends a verification email and says where it went', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      await register(el, true);
      await waitForText(el, `We sent a link to ${NEW_PERSON.email}`);
      expect(heading(el)).to.equal('Check your email');
      expect(adapter.outbox.map(({ to, purpose }) => ({ to, purpose }))).to.deep.equal([
        { to: NEW_PERSON.email, purpose: 'verify' },
      ]);
      await expect(el).to.be.accessible();
    });

    it('refuses without consent and sends nothing', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      await register(el, false);
      await el.updateComplete;
      const consent = find(el, '#consent')!;
      expect(consent.getAttribute('aria-invalid')).to.equal('true');
      expect(consent.getAttribute('aria-describedby')).to.equal('consent-text consent-error');
      expect(find(el, '#consent-error')!.textContent).to.contain('Tick the box to agree');
      await waitUntil(() => el.shadowRoot!.activeElement === consent);
      expect(adapter.outbox).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('gets through by keyboard alone', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter, 'register');
      find(el, '#name')!.focus();
      await sendKeys({ type: NEW_PERSON.name });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: NEW_PERSON.email });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: NEW_PERSON.password });
      await sendKeys({ press: 'Tab' }); // the privacy notice link
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(find(el, '#consent'));
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => heading(el) === 'Check your email');
      expect(adapter.outbox).to.have.length(1);
    });
  });

  describe('verify', () => {
    it('confirms the address from the emailed token and signs in', async () => {
      const adapter = new MemoryAdapter();
      await adapter.register({ ...NEW_PERSON, consent: true });
      const signedIn = new Promise<Session>((resolve) =>
        document.addEventListener('portal-signed-in', (e) => resolve(e.session), { once: true }),
      );
      const el = await fixture<PortalLogin>(
        html`<portal-login
          .adapter=${adapter}
          view="verify"
          .token=${adapter.outbox[0]!.token}
        ></portal-login>`,
      );
      expect((await signedIn).contact.email).to.equal(NEW_PERSON.email);
      await waitForText(el, 'Signed in as Greta Holm');
    });

    it('says when the link has expired and offers a new one', async () => {
      const el = await loginOn(new MemoryAdapter(), 'verify', 'spent-token');
      await waitForText(el, 'This link has expired or has been used already.');
      await expect(el).to.be.accessible();
      button(el, 'Ask for a new link').click();
      await waitUntil(() => heading(el) === 'Reset your password');
    });
  });

  describe('forgot and reset password', () => {
    async function requestReset(adapter: MemoryAdapter, email: string): Promise<string> {
      const el = await loginOn(adapter);
      button(el, 'Forgot password?').click();
      await waitUntil(() => heading(el) === 'Reset your password');
      expect(find(el, '#email')!.getAttribute('autocomplete')).to.equal('email');
      fill(el, { email });
      submit(el);
      await waitUntil(() => heading(el) === 'Check your email');
      return visibleText(el);
    }

    it('says the same whether or not the address has an account', async () => {
      const adapter = new MemoryAdapter();
      const unknown = await requestReset(adapter, 'nobody@example.com');
      const known = await requestReset(adapter, DEMO_ACCOUNT.email);
      expect(known).to.contain(`If ${DEMO_ACCOUNT.email} has an account, we sent a link`);
      expect(unknown.replace('nobody@example.com', DEMO_ACCOUNT.email)).to.equal(known);
      expect(adapter.outbox.map((mail) => mail.to)).to.deep.equal([DEMO_ACCOUNT.email]);
    });

    it('sets the new password from the link, signs in, and refuses the link a second time', async () => {
      const adapter = new MemoryAdapter();
      await adapter.requestPasswordReset(DEMO_ACCOUNT.email);
      const token = adapter.outbox[0]!.token;
      const el = await loginOn(adapter, 'reset-password', token);
      expect(heading(el)).to.equal('Choose a new password');
      await expect(el).to.be.accessible();
      const signedIn = nextEvent(el, 'portal-signed-in');
      fill(el, { password: 'brand-new-password', confirm: 'brand-new-password' });
      submit(el);
      expect((await signedIn).session.contact.email).to.equal(DEMO_ACCOUNT.email);
      await adapter.signOut();
      expect(
        (await adapter.signIn({ email: DEMO_ACCOUNT.email, password: 'brand-new-password' }))
          .contact.name,
      ).to.equal('Ada Lindqvist');

      const again = await loginOn(adapter, 'reset-password', token);
      fill(again, { password: 'another-password', confirm: 'another-password' });
      submit(again);
      await waitForText(again, 'This link has expired or has been used already.');
      expect(button(again, 'Ask for a new link').isConnected).to.equal(true);
    });
  });

  describe('sign-in link', () => {
    it('sends a link and signs in with it', async () => {
      const adapter = new MemoryAdapter();
      const el = await loginOn(adapter);
      button(el, 'Email me a sign-in link').click();
      await waitUntil(() => heading(el) === 'Sign in with a link');
      fill(el, { email: DEMO_ACCOUNT.email });
      submit(el);
      await waitForText(el, `If ${DEMO_ACCOUNT.email} may sign in here, we sent a link to it.`);
      const mail = adapter.outbox[0]!;
      expect(mail.purpose).to.equal('sign-in');

      const redeem = await fixture<PortalLogin>(
        html`<portal-login .adapter=${adapter} view="sign-in-with-link"></portal-login>`,
      );
      const signedIn = nextEvent(redeem, 'portal-signed-in');
      redeem.token = mail.token;
      expect((await signedIn).session.contact.email).to.equal(DEMO_ACCOUNT.email);
    });

    it('offers a new link when the link has been used', async () => {
      const el = await loginOn(new MemoryAdapter(), 'sign-in-with-link', 'used-token');
      await waitForText(el, 'This link has expired or has been used already.');
      button(el, 'Ask for a new link').click();
      await waitUntil(() => heading(el) === 'Sign in with a link');
    });
  });

  describe('invitation', () => {
    class InvitingAdapter extends MemoryAdapter {
      accepted: SetPasswordInput[] = [];
      override async acceptInvitation(input: SetPasswordInput): Promise<Session> {
        this.accepted.push(input);
        return {
          contact: { id: 'p-new', email: 'new@example.com', name: 'Nils', companyId: null },
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        };
      }
    }

    it('sets the password with a confirmation and signs in', async () => {
      const adapter = new InvitingAdapter();
      const el = await loginOn(adapter, 'invitation', 'invite-token');
      expect(heading(el)).to.equal('Set your password');
      await expect(el).to.be.accessible();
      fill(el, { password: 'a-good-password', confirm: 'a-different-one' });
      submit(el);
      await el.updateComplete;
      expect(find(el, '#confirm')!.getAttribute('aria-invalid')).to.equal('true');
      expect(find(el, '#confirm-error')!.textContent).to.contain('not the same');
      expect(adapter.accepted).to.have.length(0);

      const signedIn = nextEvent(el, 'portal-signed-in');
      fill(el, { confirm: 'a-good-password' });
      submit(el);
      expect((await signedIn).session.contact.name).to.equal('Nils');
      expect(adapter.accepted).to.deep.equal([
        { token: 'invite-token', password: 'a-good-password' },
      ]);
    });
  });

  describe('access denied', () => {
    class RefusingSso extends MemoryAdapter {
      exchanges = 0;
      override async exchangeSsoToken(): Promise<Session> {
        this.exchanges += 1;
        throw new PortalError('forbidden', 'You are not on the list for this portal.');
      }
    }

    it('shows a calm page when single sign-on is refused, and goes back to sign in', async () => {
      const adapter = new RefusingSso();
      const el = await loginOn(adapter, 'sso', 'signed-jwt');
      await waitUntil(() => heading(el) === 'You don’t have access to this portal');
      expect(adapter.exchanges).to.equal(1);
      await expect(el).to.be.accessible();
      button(el, 'Back to sign in').click();
      await waitUntil(() => heading(el) === 'Sign in');
      expect(el.shadowRoot!.activeElement).to.equal(find(el, 'h2'));
      expect(adapter.exchanges).to.equal(1);
    });

    it('shows the same page when a sign-in link is refused to someone outside the lists', async () => {
      class ListsOnly extends MemoryAdapter {
        override async requestSignInLink(): Promise<void> {
          throw new PortalError('forbidden', 'This address is not on the list.');
        }
      }
      const el = await loginOn(new ListsOnly(), 'sign-in-link');
      fill(el, { email: 'stranger@example.com' });
      submit(el);
      await waitUntil(() => heading(el) === 'You don’t have access to this portal');
    });
  });

  describe('views', () => {
    it('moves focus to the heading when the view changes', async () => {
      const el = await loginOn(new MemoryAdapter());
      expect(el.shadowRoot!.activeElement).to.equal(null);
      button(el, 'Create an account').click();
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal(find(el, 'h2'));
      expect(heading(el)).to.equal('Create an account');
    });

    const views: LoginView[] = [
      'check-email',
      'forgot-password',
      'reset-link-sent',
      'sign-in-link',
      'sign-in-link-sent',
      'access-denied',
      'sso-error',
    ];
    for (const view of views) {
      it(`passes an accessibility audit in the ${view} view`, async () => {
        const el = await loginOn(new MemoryAdapter(), view);
        await expect(el).to.be.accessible();
      });
    }

    it('passes an accessibility audit while redeeming a token', async () => {
      class SlowSso extends MemoryAdapter {
        override exchangeSsoToken(): Promise<Session> {
          return new Promise(() => {});
        }
      }
      const el = await loginOn(new SlowSso(), 'sso', 'slow-token');
      expect(find(el, '[role=status]')!.textContent).to.equal('One moment…');
      await expect(el).to.be.accessible();
    });
  });
});
