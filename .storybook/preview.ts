import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { withActions } from 'storybook/actions/decorator';

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
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme, withActions],
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
