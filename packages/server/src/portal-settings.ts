import {
  DEFAULT_COLUMNS,
  PortalError,
  type PortalConfig,
  type SsoProvider,
} from '@kundportal/core';
import { z } from 'zod';
import type { Queryable } from './db.js';
import { ticketFilterSchema } from './ticket-filters.js';
import { attachmentLimitsSchema, DEFAULT_ATTACHMENT_LIMITS } from './attachments/limits.js';
import { t } from './i18n.js';

/**
 * Who may get in. `registration`: anyone may register. `lists`: members of the allowed contact
 * lists (they are invited by email). `sso`: everyone the SSO providers vouch for, no password
 * sign-in. `sso-lists`: SSO users who are also on an allowed list.
 */
export type AccessMode = 'registration' | 'lists' | 'sso' | 'sso-lists';

const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'Enter an http(s) URL.');

/**
 * A navigation link's target: a web address or a path on the site, resolved as a browser
 * would (which drops tabs, newlines and leading spaces), so `java\tscript:` is caught too.
 */
const navHref = z
  .string()
  .max(2000)
  .refine((value) => {
    const base = 'https://portal.invalid/';
    if (!URL.canParse(value, base)) return false;
    return ['http:', 'https:', 'mailto:'].includes(new URL(value, base).protocol);
  }, 'Enter an http(s) or mailto: URL, or a path like /help.');

const origin = z
  .string()
  .max(500)
  .refine(
    (value) => URL.canParse(value) && new URL(value).origin === value,
    'Enter an origin like https://help.example.com (scheme, host and port only).',
  );

const PROPERTY_COLUMN = 'property:';

/** A list column: built in, or `property:<name>` (whether the name is known is checked later). */
const columnKey = z.union([
  z.enum(['id', 'subject', 'createdAt', 'lastActivityAt', 'status']),
  z.templateLiteral([PROPERTY_COLUMN, z.string().min(1).max(100)]),
]);

/** Every setting and its checks; `portalSettingsSchema` adds the defaults. */
const settingsFields = {
  enabled: z.boolean(),
  title: z.string().min(1).max(200),
  languages: z.array(z.string().min(2).max(35)).min(1),
  statusDisplay: z.enum(['open-closed', 'stages']),
  columns: z.array(columnKey).max(20),
  /** Headings of the `property:<name>` columns, by property name. */
  propertyLabels: z.record(z.string().min(1).max(100), z.string().min(1).max(200)),
  /** `company`: a contact also sees the tickets of the other contacts of their primary company. */
  ticketAccess: z.enum(['own', 'company']),
  /** Only tickets matching every rule appear in the portal. */
  ticketFilters: z.array(ticketFilterSchema).max(20),
  /** The inbox of a ticket that had none (filed by phone, say) once the customer writes to it. */
  defaultInboxId: z.string().min(1).max(100).nullable(),
  /** What customers may attach: sizes, and types the server recognizes from the bytes. */
  attachments: attachmentLimitsSchema,
  supportForm: z.object({
    fields: z.array(
      z.object({
        name: z.string().min(1).max(100),
        label: z.string().min(1).max(200),
        type: z.enum(['text', 'textarea', 'email', 'select', 'number', 'date', 'file']),
        required: z.boolean(),
        options: z.array(z.string().max(200)).optional(),
        help: z.string().max(1000).optional(),
      }),
    ),
  }),
  nav: z.array(z.object({ label: z.string().max(200), href: navHref })),
  branding: z.object({
    logoUrl: httpUrl.nullable(),
    faviconUrl: httpUrl.nullable().optional(),
    accentColor: z
      .string()
      .regex(/^#[0-9a-f]{3,8}$/i)
      .nullable(),
  }),
  idleTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  accessMode: z.enum(['registration', 'lists', 'sso', 'sso-lists']),
  /** Contact lists whose members may get in, in the `lists` and `sso-lists` modes. */
  allowedListIds: z.array(z.string().min(1).max(100)),
  /** Passwordless sign-in by an emailed link (never in the SSO modes). */
  signInLink: z.boolean(),
  /** Asked for on self-registration and recorded with its version; `null` asks for none. */
  consent: z
    .object({
      text: z.string().min(1).max(5000),
      checkboxLabel: z.string().min(1).max(500),
      version: z.string().min(1).max(100),
    })
    .nullable(),
  /** `None` for a portal embedded on another site; the cookie is then always `Secure`. */
  sessionSameSite: z.enum(['Lax', 'Strict', 'None']),
  /** Other sites' origins that may call the API with the customer's cookie (CORS, CSRF). */
  allowedOrigins: z.array(origin),
  /** The page the portal is on, where emailed links point; `${PUBLIC_URL}/support.html` if null. */
  portalUrl: httpUrl.nullable(),
  /**
   * Single sign-on providers. Typed loosely on purpose: the SSO module (`src/sso/`) owns and
   * checks the shape of each entry.
   */
  sso: z.looseObject({
    jwt: z.unknown().optional(),
    oidc: z.array(z.unknown()).optional(),
    saml: z.array(z.unknown()).optional(),
  }),
};

/**
 * Everything the site owner configures, as stored. Private: the public `PortalConfig` is
 * derived from it by `portalConfigFrom`. Fields added after the first release have defaults,
 * so rows stored before them still load.
 */
export const portalSettingsSchema = z
  .object({
    ...settingsFields,
    columns: settingsFields.columns.default([...DEFAULT_COLUMNS]),
    propertyLabels: settingsFields.propertyLabels.default({}),
    ticketAccess: settingsFields.ticketAccess.default('own'),
    ticketFilters: settingsFields.ticketFilters.default([]),
    defaultInboxId: settingsFields.defaultInboxId.default(null),
    attachments: settingsFields.attachments.default(DEFAULT_ATTACHMENT_LIMITS),
    accessMode: settingsFields.accessMode.default('registration'),
    allowedListIds: settingsFields.allowedListIds.default([]),
    signInLink: settingsFields.signInLink.default(false),
    consent: settingsFields.consent.default(null),
    sessionSameSite: settingsFields.sessionSameSite.default('Lax'),
    allowedOrigins: settingsFields.allowedOrigins.default([]),
    portalUrl: settingsFields.portalUrl.default(null),
    sso: settingsFields.sso.default({}),
  })
  .superRefine((settings, context) => {
    const known = knownPropertyNames(settings);
    settings.columns.forEach((column, index) => {
      if (column.startsWith(PROPERTY_COLUMN) && !known.has(column.slice(PROPERTY_COLUMN.length))) {
        context.addIssue({
          code: 'custom',
          path: ['columns', index],
          message: 'Name a support-form field or a property with a label in propertyLabels.',
        });
      }
    });
  });

/** Ticket properties a list column may show: the support form's own fields and labelled ones. */
function knownPropertyNames(
  settings: Pick<PortalSettings, 'supportForm' | 'propertyLabels'>,
): Set<string> {
  const builtIn = new Set(['subject', 'description']);
  return new Set([
    ...settings.supportForm.fields.map((field) => field.name).filter((name) => !builtIn.has(name)),
    ...Object.keys(settings.propertyLabels),
  ]);
}

export type PortalSettings = z.infer<typeof portalSettingsSchema>;

/**
 * `PATCH /api/agent/settings`: any subset of the fields; each one given replaces the old value.
 * Without the defaults, or a patch would reset every field it does not mention.
 */
export const portalSettingsPatchSchema = z.strictObject(settingsFields).partial();

export type PortalSettingsPatch = z.infer<typeof portalSettingsPatchSchema>;

/** The stored settings; `unavailable` until there are some. */
export async function loadPortalSettings(db: Queryable): Promise<PortalSettings> {
  const [row] = await db.query<{ settings: unknown }>(
    'SELECT settings FROM portal_settings WHERE id',
  );
  if (!row) throw new PortalError('unavailable', t('portalNotSetUp'));
  return portalSettingsSchema.parse(row.settings);
}

/**
 * How long a process goes on using settings it read: other server processes on the same
 * database may change them, and this process hears of its own changes at once.
 */
export const SETTINGS_REUSE_MS = 2_000;

// Bumped by every change in this process: a copy read before a change is never used after it.
let settingsGeneration = 0;

interface SettingsCopy {
  settings: PortalSettings;
  generation: number;
  readAt: number;
}

const settingsCopies = new WeakMap<Queryable, SettingsCopy>();

interface SettingsRead {
  settings: Promise<PortalSettings>;
  generation: number;
}

/** A read under way, which every request that finds the copy out of date waits for. */
const settingsReads = new WeakMap<Queryable, SettingsRead>();

/**
 * The stored settings as `loadPortalSettings` reads them, from a copy kept for
 * `SETTINGS_REUSE_MS` and dropped as soon as this process changes them. For every request,
 * which would otherwise read and check them each time. When the copy is out of date, one read
 * renews it and the requests that come meanwhile wait for that read instead of each making
 * their own. The copy is frozen: change settings only with `savePortalSettings`.
 */
export async function cachedPortalSettings(db: Queryable): Promise<PortalSettings> {
  const copy = settingsCopies.get(db);
  const at = performance.now();
  if (copy && copy.generation === settingsGeneration && at - copy.readAt < SETTINGS_REUSE_MS) {
    return copy.settings;
  }
  const pending = settingsReads.get(db);
  // A read that began before a change may not have it: only one begun since is waited for.
  if (pending && pending.generation === settingsGeneration) return pending.settings;
  const generation = settingsGeneration;
  const read: SettingsRead = {
    generation,
    settings: loadPortalSettings(db)
      .then((settings) => {
        const frozen = deepFreeze(settings);
        // A change made while this read was under way may not be in it: keep it only if there was none.
        if (generation === settingsGeneration)
          settingsCopies.set(db, { settings: frozen, generation, readAt: at });
        return frozen;
      })
      .finally(() => {
        if (settingsReads.get(db) === read) settingsReads.delete(db);
      }),
  };
  settingsReads.set(db, read);
  return read.settings;
}

/**
 * Drops every copy `cachedPortalSettings` holds. `savePortalSettings` does so itself; call it
 * again once a transaction that saved settings has committed, as a read made between the save
 * and the commit kept the old ones.
 */
export function forgetCachedPortalSettings(): void {
  settingsGeneration++;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Stores the settings, replacing any there were. In a transaction, call
 * `forgetCachedPortalSettings` once it has committed.
 */
export async function savePortalSettings(
  db: Queryable,
  settings: PortalSettings,
  now: Date,
): Promise<void> {
  forgetCachedPortalSettings();
  await db.query(
    `INSERT INTO portal_settings (id, settings, updated_at) VALUES (true, $1::jsonb, $2::timestamptz)
     ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    [JSON.stringify(portalSettingsSchema.parse(settings)), now.toISOString()],
  );
  forgetCachedPortalSettings();
}

/** The settings with a patch applied, checked as a whole (422 naming the fields if not valid). */
export function mergePortalSettings(
  settings: PortalSettings,
  patch: PortalSettingsPatch,
): PortalSettings {
  const result = portalSettingsSchema.safeParse({ ...settings, ...patch });
  if (result.success) return result.data;
  const fields = Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
  );
  throw new PortalError('validation', 'Some settings are not valid.', fields);
}

/** Whether the mode lets people in with a password or an emailed link. */
export function allowsPassword(settings: Pick<PortalSettings, 'accessMode'>): boolean {
  return settings.accessMode === 'registration' || settings.accessMode === 'lists';
}

/** Whether the mode admits only members of the allowed contact lists. */
export function needsListMembership(settings: Pick<PortalSettings, 'accessMode'>): boolean {
  return settings.accessMode === 'lists' || settings.accessMode === 'sso-lists';
}

/**
 * The public portal config for `GET /api/portal`: what the elements need and nothing private
 * (no list ids, origins, URLs or SSO secrets). `ssoProviders` are the public descriptions of
 * the configured providers, from the SSO module.
 */
export function portalConfigFrom(
  settings: PortalSettings,
  ssoProviders: SsoProvider[] = [],
): PortalConfig {
  const password = allowsPassword(settings);
  const registration = settings.accessMode === 'registration';
  return {
    enabled: settings.enabled,
    title: settings.title,
    languages: settings.languages,
    auth: {
      password,
      registration,
      signInLink: password && settings.signInLink,
      sso: ssoProviders,
    },
    statusDisplay: settings.statusDisplay,
    columns: settings.columns,
    propertyLabels: settings.propertyLabels,
    ticketAccess: settings.ticketAccess,
    attachments: settings.attachments,
    supportForm: settings.supportForm,
    nav: settings.nav,
    branding: settings.branding,
    idleTimeoutMinutes: settings.idleTimeoutMinutes,
    consent: registration ? settings.consent : null,
  };
}

/** Where emailed links point: the configured portal page, or the support page of this server. */
export function portalUrlOf(
  settings: Pick<PortalSettings, 'portalUrl'>,
  publicUrl: string,
): string {
  return settings.portalUrl ?? `${publicUrl.replace(/\/+$/, '')}/support.html`;
}
