import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

// Every element's texts are written in English: the localization runtime (localization.ts) and
// a catalog load only when another language is used, and this is all an English page needs.

/** The localization runtime's current locale, once it has loaded. */
let runtimeLocale: (() => string) | undefined;

/** The locale whose catalog the texts come from: English until another language is used. */
export function getLocale(): string {
  return runtimeLocale ? runtimeLocale() : sourceLocale;
}

/** Called by the localization runtime as it loads: from then on it knows the locale. */
export function localeFromRuntime(getter: () => string): void {
  runtimeLocale = getter;
}

/** `de-CH` -> `de`. */
export function primarySubtag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The catalog for a language tag (matched by primary subtag), or `undefined` when we have none. */
export function catalogFor(tag: string): string | undefined {
  const primary = primarySubtag(tag);
  return [sourceLocale, ...targetLocales].find((locale) => locale === primary);
}

/**
 * Shows texts from the catalog for `tag`, or English when there is none; loads the
 * localization runtime only for another language than the one shown.
 */
export function useLanguage(tag: string): Promise<void> {
  const locale = catalogFor(tag) ?? sourceLocale;
  if (locale === getLocale()) return Promise.resolve();
  return import('./localization.js').then(({ setLocale }) => setLocale(locale));
}
