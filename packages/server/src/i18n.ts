import {
  addValidationMessages,
  formatMessage,
  messageCatalog,
  MESSAGE_LANGUAGES,
  type MessageKey,
} from '@kundportal/core';
import type { MiddlewareHandler } from 'hono';
import { contextStorage, tryGetContext } from 'hono/context-storage';
import { languageDetector } from 'hono/language';
import { every } from 'hono/combine';
import type { AppEnv } from './app-context.js';

// The shared rules know English alone until told more (so the browser carries no other
// language); the server's field errors come in every language of its catalogs.
for (const language of MESSAGE_LANGUAGES) {
  addValidationMessages(language, messageCatalog(language));
}

/**
 * Picks the customer's language from `Accept-Language` (the elements send the language the
 * portal shows) and keeps the request reachable from anywhere in its handling, so errors and
 * mail come out in that language without threading it through every function.
 */
export function requestLanguage(): MiddlewareHandler {
  return every(
    contextStorage(),
    languageDetector({
      order: ['header'],
      caches: false,
      supportedLanguages: MESSAGE_LANGUAGES,
      fallbackLanguage: 'en',
      // `sv-SE` reads as `sv`: the catalogs are per language, not per region.
      convertDetectedLanguage: (tag) => tag.split('-')[0]?.toLowerCase() ?? tag,
    }),
  );
}

/** The language of the request being handled; English outside a request (start-up, jobs). */
export function currentLanguage(): string {
  return tryGetContext<AppEnv>()?.var.language ?? 'en';
}

/** A customer-facing text in the current request's language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return formatMessage(key, params, currentLanguage());
}
