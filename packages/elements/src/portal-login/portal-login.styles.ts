import { css } from 'lit';
import { portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  css`
    [part='base'] {
      max-width: var(--portal-login-max-width, 24rem);
    }

    h2 {
      margin: 0 0 var(--_space-s);
    }

    fieldset {
      display: grid;
      gap: var(--portal-login-gap, var(--_space-m));
      border: 0;
      margin: 0 0 var(--_space-m);
      padding: 0;
    }

    label {
      font-weight: 600;
      margin-bottom: calc(var(--_space-m) * -0.5);
    }

    button {
      justify-self: start;
    }
  `,
];
