import { createContext } from '@lit/context';
import type { PortalAdapter } from './adapter.js';
import type { PortalConfig, Session } from './types.js';

// Keys made with Symbol.for so two copies of the library on one page still match.
export const adapterContext = createContext<PortalAdapter | undefined>(
  Symbol.for('kundportal.adapter'),
);
export const portalConfigContext = createContext<PortalConfig | undefined>(
  Symbol.for('kundportal.portal-config'),
);
export const sessionContext = createContext<Session | null | undefined>(
  Symbol.for('kundportal.session'),
);
