import { css } from 'lit';
import { accentColor, accentTextColor, portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  css`
    .base {
      /* Again here, where the branding colour is set, so the header sees it too. */
      --_accent: ${accentColor};
      --_accent-text: ${accentTextColor};
      max-width: var(--customer-portal-max-width, 60rem);
      display: grid;
      gap: var(--_space-l);
    }

    @supports (color: contrast-color(red)) {
      .base {
        --_on-accent: var(--portal-color-on-accent, contrast-color(var(--_accent)));
      }
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--customer-portal-header-gap, var(--_space-m));
      padding-block-end: var(--_space-m);
      border-block-end: 1px solid var(--_border);
    }

    .title {
      display: flex;
      align-items: center;
      gap: var(--_space-s);
      margin: 0;
      font-size: 1.5rem;
    }

    .title:focus {
      outline: none;
    }

    .logo {
      display: block;
      max-height: var(--customer-portal-logo-height, 2rem);
      max-width: 100%;
    }

    .site-links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-m);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    /* Targets of at least 24 by 24 pixels (WCAG 2.5.8). */
    nav a,
    .site-links a {
      display: inline-flex;
      align-items: center;
      min-height: 1.5rem;
    }

    nav {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-m);
      margin-inline-start: auto;
    }

    nav a[aria-current='page'] {
      font-weight: 600;
    }

    .button-link {
      display: inline-flex;
      align-items: center;
      min-height: 2.25rem;
      padding: 0.375rem 1rem;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: var(--_on-accent);
      text-decoration: none;
    }

    .button-link[aria-current='page'] {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }

    .title-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space-m);
    }

    .language {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-s);
    }

    .account {
      display: flex;
      align-items: center;
      gap: var(--_space-s);
    }

    .header .error {
      flex-basis: 100%;
    }

    .notice {
      margin: 0;
      padding: var(--_space-m);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .notice:empty {
      display: none;
    }

    dialog {
      max-width: min(28rem, calc(100vw - 2rem));
      padding: var(--_space-l);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: inherit;
      background: Canvas;
    }

    dialog::backdrop {
      background: rgb(0 0 0 / 0.4);
    }

    dialog h2 {
      margin: 0 0 var(--_space-s);
      font-size: 1.25rem;
    }

    [part='countdown'] {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
    }

    /* Phones: the header stacks, and the navigation starts at the left edge. */
    @media (max-width: 30rem) {
      nav {
        margin-inline-start: 0;
      }

      .account {
        flex-wrap: wrap;
      }
    }

    /* On paper: the title and the view, without navigation, controls or dialogs. */
    @media print {
      nav,
      .account,
      .language,
      .notice,
      dialog,
      [part='error'] {
        display: none;
      }

      .header {
        border: 0;
      }
    }
  `,
];
