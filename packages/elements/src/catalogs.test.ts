import { expect } from '@open-wc/testing';
import { targetLocales } from './generated/locale-codes.js';

/** Every language the elements ship texts in, besides English. */
const LANGUAGES = ['sv', 'de', 'fr', 'es', 'ar'] as const;

/** The catalogs `npm run localize` builds from the XLIFF files. */
const BUILT: Record<(typeof LANGUAGES)[number], () => Promise<{ templates: object }>> = {
  sv: () => import('./generated/locales/sv.js'),
  de: () => import('./generated/locales/de.js'),
  fr: () => import('./generated/locales/fr.js'),
  es: () => import('./generated/locales/es.js'),
  ar: () => import('./generated/locales/ar.js'),
};

interface Unit {
  id: string;
  source: Element;
  target: Element | null;
}

async function catalog(language: string): Promise<Unit[]> {
  const response = await fetch(new URL(`../xliff/${language}.xlf`, import.meta.url));
  expect(response.ok, `${language}.xlf`).to.equal(true);
  const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
  expect(xml.querySelector('parsererror'), `${language}.xlf parses`).to.equal(null);
  return [...xml.getElementsByTagName('trans-unit')].map((unit) => ({
    id: unit.getAttribute('id')!,
    source: unit.getElementsByTagName('source')[0]!,
    target: unit.getElementsByTagName('target')[0] ?? null,
  }));
}

/** The placeholders (`${…}` values and markup) a text carries, in a comparable form. */
function placeholders(text: Element): string[] {
  return [...text.getElementsByTagName('x')].map((x) => x.getAttribute('equiv-text')!).sort();
}

describe('translation catalogs', () => {
  it('are configured for every shipped language', () => {
    expect([...targetLocales].sort()).to.deep.equal([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES) {
    it(`${language}: every text has a translation with the same placeholders`, async () => {
      const units = await catalog(language);
      expect(units.length).to.be.greaterThan(100);
      const missing = units
        .filter((unit) => !unit.target?.textContent?.trim())
        .map((unit) => `${unit.id}: ${unit.source.textContent!.trim()}`);
      expect(missing, 'texts without a translation').to.deep.equal([]);
      const mismatched = units
        .filter((unit) => unit.target)
        .filter(
          (unit) =>
            JSON.stringify(placeholders(unit.source)) !==
            JSON.stringify(placeholders(unit.target!)),
        )
        .map((unit) => unit.id);
      expect(mismatched, 'translations that lose or add a placeholder').to.deep.equal([]);
    });

    it(`${language}: the built catalog holds every translation`, async () => {
      const units = await catalog(language);
      const { templates } = await BUILT[language]();
      const absent = units.map((unit) => unit.id).filter((id) => !(id in templates));
      expect(absent, 'run `npm run localize`').to.deep.equal([]);
    });
  }

  it('holds the same texts in every language', async () => {
    const ids = await Promise.all(
      LANGUAGES.map(async (language) => (await catalog(language)).map((unit) => unit.id).sort()),
    );
    for (const [index, language] of LANGUAGES.entries()) {
      expect(ids[index], language).to.deep.equal(ids[0]);
    }
  });
});
