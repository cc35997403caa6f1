import { setCustomElementsManifest } from '@storybook/web-components';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { withActions } from 'storybook/actions/decorator';
import manifest from '../packages/elements/custom-elements.json';
import { clearAllReplyDrafts } from '../packages/elements/src/shared/reply-draft.js';
import { LOCALE_STORAGE_KEY, textDirection } from '../packages/elements/src/shared/language.js';
import { useLanguage } from '../packages/elements/src/shared/locale.js';

/** The parts of a manifest declaration that the Docs tables read. */
interface DocsDeclaration {
  members?: { name: string; privacy?: string; static?: boolean }[];
  cssParts?: { name: string }[];
}

/**
 * The manifest as the Docs tables should show it: public API only (private and protected
 * members, `#fields` and statics are the element's inside), and parts named `::part(name)`.
 * Storybook keys its table rows by name, so a part called `status` would otherwise hide the
 * `status` attribute.
 */
function docsView(source: { modules: { declarations?: object[] }[] }) {
  return {
    ...source,
    modules: source.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((item) => {
        const declaration = item as DocsDeclaration;
        return {
          ...declaration,
          members: declaration.members?.filter(
            (member) =>
              !member.static &&
              !member.name.startsWith('#') &&
              (member.privacy ?? 'public') === 'public',
          ),
          cssParts: declaration.cssParts?.map((part) => ({
            ...part,
            name: `::part(${part.name})`,
          })),
        };
      }),
    })),
  };
}

// The Docs pages list each element's attributes, properties, events, slots, parts and CSS
// properties from the JSDoc headers, through the custom elements manifest.
setCustomElementsManifest(docsView(manifest));

type Theme = 'light' | 'dark' | 'brand';

/** What each theme sets on the story root; the elements inherit it through `:host`. */
const themes: Record<Theme, Record<string, string>> = {
  // Light is set explicitly, so `light-dark()` tokens do not follow the viewer's OS setting.
  light: { 'color-scheme': 'light', background: '#ffffff', color: '#1b1f24' },
  dark: { 'color-scheme': 'dark', background: '#14171c', color: '#e6e8eb' },
  brand: {
    'color-scheme': 'light',
    background: '#ffffff',
    color: '#1b1f24',
    '--portal-color-accent': '#0f766e',
  },
};

function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && value in themes;
}

/** The languages the elements have texts in; Arabic shows the right-to-left layout. */
const languages = {
  en: 'English',
  sv: 'Svenska',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية (right to left)',
} as const;
type Language = keyof typeof languages;

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && value in languages;
}

/**
 * Puts the page in the toolbar's language: `lang` and `dir` on the story root (elements on their
 * own follow it), the page's `lang` and the remembered choice (`<customer-portal>` follows
 * them), and the texts' catalog.
 */
const withLanguage: Decorator = (story, context) => {
  const language: Language = isLanguage(context.globals['locale'])
    ? context.globals['locale']
    : 'en';
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, language);
  } catch {
    // No storage: the portal follows the page's lang instead.
  }
  void useLanguage(language);
  return html`<div lang=${language} dir=${textDirection(language)}>${story()}</div>`;
};

const withTheme: Decorator = (story, context) => {
  const theme: Theme = isTheme(context.globals['theme']) ? context.globals['theme'] : 'light';
  const root = {
    ...themes[theme],
    'font-family': 'system-ui, sans-serif',
    padding: '1rem',
    // Grows with content that cannot shrink (a wide table at 200% text), so the theme covers it.
    width: 'fit-content',
    'min-width': '100%',
    // A single story fills the canvas; in docs each story is one block among many.
    'min-height': context.viewMode === 'docs' ? 'auto' : '100vh',
    'box-sizing': 'border-box',
  };
  return html`<div class="portal-story-root" data-theme=${theme} style=${styleMap(root)}>
    ${story()}
  </div>`;
};

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Page theme the elements inherit',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'brand', title: 'Brand (teal accent)', icon: 'heart' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the texts (and direction of the layout)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: Object.entries(languages).map(([value, title]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  decorators: [withLanguage, withTheme, withActions],
  // The elements keep what was typed (replies, a new ticket) in localStorage until it is sent,
  // so without this one story's typing would turn up in the next story's form.
  beforeEach: () => clearAllReplyDrafts(),
  parameters: {
    // Every `portal-*` event bubbles out of the shadow roots; the Actions panel lists them.
    actions: {
      handles: [
        'portal-signed-in',
        'portal-signed-out',
        'portal-ticket-open',
        'portal-navigate',
        'portal-ticket-created',
        'portal-reply-sent',
        'portal-error',
      ],
    },
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
