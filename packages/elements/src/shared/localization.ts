import { addValidationMessages } from '@kundportal/core';
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';
import { localeFromRuntime } from './locale.js';
import { validationTexts } from './validation-texts.js';

type TargetLocale = (typeof targetLocales)[number];

/** Each catalog is its own chunk, fetched the first time its language is used. */
const CATALOGS: Record<TargetLocale, () => Promise<LocaleModule>> = {
  sv: () => import('../generated/locales/sv.js'),
  de: () => import('../generated/locales/de.js'),
  fr: () => import('../generated/locales/fr.js'),
  es: () => import('../generated/locales/es.js'),
  ar: () => import('../generated/locales/ar.js'),
};

/**
 * The one localization of every Kundportal element on the page: `getLocale()` says which
 * catalog the texts come from, `setLocale()` loads and switches to another. Imported by
 * `useLanguage` (locale.ts) the first time another language than English is used.
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => CATALOGS[locale as TargetLocale](),
});

localeFromRuntime(getLocale);

// The shared rules' field errors (rules.ts) in each language as it is shown, from our catalogs.
window.addEventListener('lit-localize-status', ({ detail }) => {
  if (detail.status === 'ready') addValidationMessages(detail.readyLocale, validationTexts());
});
