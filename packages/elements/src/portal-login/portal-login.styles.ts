import { css } from 'lit';
import { portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  css`
    .base {
      max-width: var(--portal-login-max-width, 24rem);
    }

    h2 {
      margin: 0 0 var(--_space-s);
    }

    h2:focus {
      outline: none;
    }

    h2:focus-visible {
      outline: 2px solid var(--_accent);
    }

    fieldset {
      display: grid;
      gap: var(--portal-login-gap, var(--_space-m));
      border: 0;
      margin: 0 0 var(--_space-m);
      padding: 0;
    }

    .field {
      display: grid;
      gap: calc(var(--_space-s) / 2);
    }

    .field p,
    .consent p {
      margin: 0;
    }

    label {
      font-weight: 600;
    }

    .consent {
      display: grid;
      gap: var(--_space-s);
    }

    .checkbox {
      display: flex;
      align-items: flex-start;
      gap: var(--_space-s);
    }

    /* Targets of at least 24 by 24 pixels (WCAG 2.5.8). */
    .checkbox input {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      min-height: auto;
      margin: 0;
      accent-color: var(--_accent);
    }

    .checkbox label {
      font-weight: normal;
    }

    fieldset > button {
      justify-self: start;
    }

    button.link {
      min-height: 1.5rem;
      min-width: auto;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_accent-text);
      text-decoration: underline;
    }

    .choices,
    .sso {
      display: grid;
      gap: var(--_space-s);
      list-style: none;
      margin: var(--_space-m) 0 0;
      padding: 0;
    }

    .button-link {
      display: inline-flex;
      align-items: center;
      min-height: 2.25rem;
      padding: 0.375rem 1rem;
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      text-decoration: none;
    }
  `,
];
