import { css } from 'lit';
import { filePickerStyles } from '../shared/file-picker.js';
import { portalStyles } from '../shared/styles.js';

export const styles = [
  portalStyles,
  filePickerStyles,
  css`
    .base {
      max-width: var(--support-form-max-width, 40rem);
    }

    h2 {
      margin: 0 0 var(--_space-m);
      font-size: 1.25rem;
    }

    form {
      display: grid;
      gap: var(--support-form-gap, var(--_space-l));
    }

    .legend {
      margin: 0;
    }

    .field {
      display: grid;
      gap: 0.25rem;
    }

    label {
      font-weight: 600;
    }

    .required {
      color: var(--support-form-required-color, var(--_danger));
    }

    .help,
    .field-error {
      margin: 0;
      font-size: 0.875em;
    }

    .help {
      color: var(--_muted);
    }

    ul.field-error {
      padding-inline-start: 1.25rem;
    }

    textarea {
      resize: vertical;
    }

    .success {
      padding: var(--_space-m);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
  `,
];
