/** Domain types shared by the elements, the adapters and the reference backend. */

/** ISO 8601 timestamp, as sent over the wire. */
export type IsoDate = string;

export type TicketStatus = 'open' | 'closed';

/** A column of the ticket list that every ticket has. */
export type BuiltInColumn = 'id' | 'subject' | 'createdAt' | 'lastActivityAt' | 'status';

/** A column the ticket list can show: a built-in one, or `property:<name>` for another property. */
export type ColumnKey = BuiltInColumn | `property:${string}`;

/** Columns the list can be sorted by; `-` in front sorts descending. */
export type TicketSort = BuiltInColumn | `-${BuiltInColumn}`;

export const DEFAULT_COLUMNS: readonly ColumnKey[] = [
  'id',
  'subject',
  'createdAt',
  'lastActivityAt',
  'status',
];

export type SupportFieldType =
  'text' | 'textarea' | 'email' | 'select' | 'number' | 'date' | 'file';

/** One field of the support form, mapped to a ticket property. */
export interface SupportFormField {
  /** Ticket property the value is stored in (`subject` and `description` are built in). */
  name: string;
  label: string;
  type: SupportFieldType;
  required: boolean;
  options?: string[];
  help?: string;
}

export interface NavLink {
  label: string;
  href: string;
}

export interface Branding {
  logoUrl: string | null;
  /** The page's icon while `<customer-portal>` owns the page; optional, as it came later. */
  faviconUrl?: string | null;
  accentColor: string | null;
}

/** What the server accepts as attachments; the elements check files against it before sending. */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxMessageBytes: number;
  /** MIME types, e.g. `image/png`; the server checks the bytes, not only the declared type. */
  allowedTypes: string[];
}

/** A single sign-on provider the portal offers. */
export interface SsoProvider {
  id: string;
  kind: 'jwt' | 'oidc' | 'saml';
  /** Button text, e.g. "Sign in with Acme ID". */
  label: string;
  /**
   * Where the browser goes to start signing in (OIDC and SAML redirects). `null` for JWT,
   * where the site's own app hands the portal a signed token.
   */
  startUrl: string | null;
}

/** How customers may get in, as far as the sign-in screen needs to know. */
export interface AuthOptions {
  /** Email and password sign-in. */
  password: boolean;
  /** Anyone may register (self-registration). */
  registration: boolean;
  /** Passwordless sign-in by a link sent by email. */
  signInLink: boolean;
  sso: SsoProvider[];
}

/**
 * Consent to processing, shown on self-registration. `text` may hold links written as
 * `[label](https://…)`; everything else in it is plain text.
 */
export interface ConsentSettings {
  text: string;
  checkboxLabel: string;
  /** Recorded with each consent, so it is known which wording was agreed to. */
  version: string;
}

/** What a site owner configured; public, readable before sign-in. */
export interface PortalConfig {
  enabled: boolean;
  title: string;
  /** Primary language first. */
  languages: string[];
  auth: AuthOptions;
  /** Show `Open`/`Closed`, or the pipeline stage names. */
  statusDisplay: 'open-closed' | 'stages';
  columns: ColumnKey[];
  /** Labels of the `property:<name>` columns, by property name. */
  propertyLabels: Record<string, string>;
  /** `company`: the contact may also see the tickets of their primary company. */
  ticketAccess: 'own' | 'company';
  attachments: AttachmentLimits;
  supportForm: { fields: SupportFormField[] };
  nav: NavLink[];
  branding: Branding;
  idleTimeoutMinutes: number;
  /** Shown on self-registration; `null` when registration needs no consent. */
  consent: ConsentSettings | null;
}

export interface Company {
  id: string;
  name: string;
}

export interface Contact {
  id: string;
  email: string;
  name: string;
  companyId: string | null;
}

/** A pipeline stage. A ticket is closed when its stage is. */
export interface Stage {
  id: string;
  pipeline: string;
  label: string;
  closed: boolean;
  order: number;
}

export interface Ticket {
  id: string;
  subject: string;
  createdAt: IsoDate;
  lastActivityAt: IsoDate;
  status: TicketStatus;
  /** The stage's name, for portals that show stages instead of Open/Closed. */
  stageLabel: string;
  /** Who the ticket is for: the signed-in contact, or a colleague in the company view. */
  requesterName: string;
  /** Ticket properties filled in by the support form (other than subject). */
  properties: Record<string, string>;
}

export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
}

export interface Message {
  id: string;
  ticketId: string;
  author: { kind: 'agent' | 'customer'; name: string };
  text: string;
  /** An agent message's HTML (from email), unsanitized: elements sanitize it before rendering. */
  html?: string;
  createdAt: IsoDate;
  attachments: Attachment[];
}

export interface Session {
  contact: Contact;
  expiresAt: IsoDate;
}

export interface TicketQuery {
  scope?: 'mine' | 'company';
  status?: TicketStatus | 'all';
  q?: string;
  sort?: TicketSort;
  cursor?: string | null;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Upload progress: bytes sent so far of the whole request. */
export type ProgressListener = (sent: number, total: number) => void;

export interface ReplyInput {
  text: string;
  /** Same key on a retry: the reply is stored once. */
  idempotencyKey: string;
  files?: File[];
  onProgress?: ProgressListener;
}

export interface NewTicketInput {
  subject: string;
  description: string;
  /** Values of the other support-form fields, by property name. */
  properties?: Record<string, string>;
  idempotencyKey: string;
  files?: File[];
  onProgress?: ProgressListener;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface RegistrationInput {
  email: string;
  name: string;
  password: string;
  /** The customer ticked the consent checkbox (required when the portal asks for consent). */
  consent: boolean;
}

/** What a one-time link in an email is for; the token rides in the link's URL fragment. */
export type LinkPurpose = 'verify' | 'invitation' | 'reset' | 'sign-in';

export interface SetPasswordInput {
  token: string;
  password: string;
}

/** A change a subscriber hears about. */
export type PortalEvent =
  | { type: 'ticket'; ticket: Ticket }
  | { type: 'message'; message: Message }
  | { type: 'session'; session: Session | null };
