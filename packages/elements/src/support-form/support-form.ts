import { SupportForm } from './support-form.component.js';

export { SupportForm };

if (!customElements.get('support-form')) customElements.define('support-form', SupportForm);

declare global {
  interface HTMLElementTagNameMap {
    'support-form': SupportForm;
  }
}
