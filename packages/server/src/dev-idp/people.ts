import { demoData } from '@kundportal/core/demo';
import { DEMO_INVITEE } from '../seed.js';

/** Someone the demo identity providers offer to sign in as. */
export interface DemoPerson {
  email: string;
  name: string;
}

/** The seeded demo contacts and the invitee: the people worth trying single sign-on as. */
export function demoPeople(): DemoPerson[] {
  const contacts = demoData().contacts.map(({ email, name }) => ({ email, name }));
  return [...contacts, { ...DEMO_INVITEE }];
}

// Strict on purpose: the address goes into XML and HTML, and a demo needs nothing fancier.
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/**
 * The person signing in as `email`: a demo contact, or anyone else (the demo providers believe
 * whoever you say you are, so the portal's own access rules can be tried). `undefined` when the
 * text is not an email address.
 */
export function personFor(email: unknown, people: readonly DemoPerson[]): DemoPerson | undefined {
  if (typeof email !== 'string') return undefined;
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) return undefined;
  return people.find((person) => person.email === address) ?? { email: address, name: address };
}
