import { displayNames } from '@kundportal/core';
import { sourceLocale } from '../generated/locale-codes.js';
import { primarySubtag } from './locale.js';

/** Where `<customer-portal>` remembers the language a customer chose. */
export const LOCALE_STORAGE_KEY = 'kundportal:locale';

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

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
