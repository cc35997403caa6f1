import { displayNames } from '@kundportal/core';
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

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
 * catalog the texts come from, `setLocale()` loads and switches to another.
 */
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => CATALOGS[locale as TargetLocale](),
});

/** Where `<customer-portal>` remembers the language a customer chose. */
export const LOCALE_STORAGE_KEY = 'kundportal:locale';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

/** `de-CH` -> `de`. */
function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The catalog for a language tag (matched by primary subtag), or `undefined` when we have none. */
export function catalogFor(tag: string): string | undefined {
  const primary = primarySubtag(tag);
  return [sourceLocale, ...targetLocales].find((locale) => locale === primary);
}

/** The entry of `languages` that `tag` names (`de-DE` finds `de`), if any. */
export function matchLanguage(languages: readonly string[], tag: string | null | undefined) {
  if (!tag) return undefined;
  const primary = primarySubtag(tag);
  return languages.find((language) => primarySubtag(language) === primary);
}

/** `rtl` for languages written right to left, else `ltr`. */
export function textDirection(tag: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(primarySubtag(tag)) ? 'rtl' : 'ltr';
}

/** The language's name in that language ("svenska", "Deutsch"); the tag if Intl has none. */
export function languageName(tag: string): string {
  try {
    return displayNames(tag, { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Shows texts from the catalog for `tag`, or English when there is none. */
export function useLanguage(tag: string): Promise<void> {
  const locale = catalogFor(tag) ?? sourceLocale;
  return locale === getLocale() ? Promise.resolve() : setLocale(locale);
}

export function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberLanguage(tag: string): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, tag);
  } catch {
    // Storage refused (private mode, quota): the choice lasts for this page only.
  }
}

/**
 * The portal's language: the customer's remembered choice, else the page's `lang`, else the
 * portal's first language, each only when the portal offers it; English when it lists none.
 */
export function choosePortalLanguage(
  languages: readonly string[],
  pageLang: string | null | undefined,
  remembered: string | null | undefined = rememberedLanguage(),
): string {
  return (
    matchLanguage(languages, remembered) ??
    matchLanguage(languages, pageLang) ??
    languages[0] ??
    sourceLocale
  );
}
