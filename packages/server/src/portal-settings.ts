import { PortalError, type PortalConfig } from '@kundportal/core';
import type { Queryable } from './db.js';

/** The portal settings the site owner stored; `unavailable` until there are some. */
export async function loadPortalConfig(db: Queryable): Promise<PortalConfig> {
  const [row] = await db.query<{ config: PortalConfig }>(
    'SELECT config FROM portal_settings WHERE id',
  );
  if (!row) throw new PortalError('unavailable', 'The support portal has not been set up yet.');
  return row.config;
}

/** Stores the portal settings, replacing any there were. */
export async function savePortalConfig(
  db: Queryable,
  config: PortalConfig,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO portal_settings (id, config, updated_at) VALUES (true, $1::jsonb, $2::timestamptz)
     ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
    [JSON.stringify(config), now.toISOString()],
  );
}
