import { css } from 'lit';

/** The accent: the page's token, else the portal's branding colour, else a default. */
export const accentColor = css`var(
  --portal-color-accent,
  var(--_brand-accent, light-dark(#2f5fd0, #8fb0ff))
)`;

/**
 * The accent as the colour of links and other text: darkened on light pages and lightened on
 * dark ones (OKLCH lightness at most 0.5, at least 0.78) so that it reads (WCAG AA, 4.5:1) on
 * the page's background whatever colour the page or the branding chose; hue and chroma stay.
 */
export const accentTextColor = css`var(
  --portal-color-accent-text,
  light-dark(oklch(from var(--_accent) min(l, 0.5) c h), oklch(from var(--_accent) max(l, 0.78) c h))
)`;

/**
 * Styles every element shares. Colours and fonts come from the page; tokens cascade from the
 * global `--portal-*` properties to fallbacks that follow the page's colour scheme.
 */
export const portalStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    --_accent: ${accentColor};
    --_on-accent: var(--portal-color-on-accent, light-dark(#fff, #10204a));
    --_accent-text: ${accentTextColor};
    --_muted: var(--portal-color-muted, light-dark(#555d6b, #b0b7c3));
    --_border: var(--portal-color-border, light-dark(#c9ced6, #4a515c));
    --_surface: var(--portal-color-surface, light-dark(#f4f6f9, #22262d));
    --_danger: var(--portal-color-danger, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--portal-radius, 0.375rem);
    --_space-s: var(--portal-space-s, 0.5rem);
    --_space-m: var(--portal-space-m, 0.75rem);
    --_space-l: var(--portal-space-l, 1.25rem);
  }

  /* Text on the accent is black or white, whichever reads better on whatever accent the page
     or the branding chose; browsers without contrast-color() keep the scheme's pair above. */
  @supports (color: contrast-color(red)) {
    :host {
      --_on-accent: var(--portal-color-on-accent, contrast-color(var(--_accent)));
    }
  }

  /* Only the page's font, text colour and colour scheme come in. The other inherited text
     properties start afresh on the shadow root's top elements, so a page's CSS (even
     \`body * { all: unset }\` or \`!important\` rules on the host) cannot reshape the inside. */
  :host > * {
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    text-shadow: none;
    white-space: normal;
    overflow-wrap: normal;
    word-break: normal;
    hyphens: manual;
    cursor: auto;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  a {
    color: var(--_accent-text);
  }

  button {
    font: inherit;
    min-height: 2.25rem;
    min-width: 2.25rem;
    padding: 0.375rem 1rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }

  button.secondary {
    background: transparent;
    color: var(--_accent-text);
  }

  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }

  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: transparent;
    min-height: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  [aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .error,
  .field-error {
    color: var(--_danger);
  }

  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-m);
    padding: var(--_space-m);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }

  .error p {
    margin: 0;
  }

  .muted {
    color: var(--_muted);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
