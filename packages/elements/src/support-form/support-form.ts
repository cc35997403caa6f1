import { SupportForm } from './support-form.component.js';
import { defineElement } from '../shared/define-element.js';

export { SupportForm };
// The events it dispatches; re-exporting them also brings their `GlobalEventHandlersEventMap`
// entries to a consumer that imports only this module.
export type { PortalErrorEvent, PortalTicketCreatedEvent } from '../shared/events.js';

defineElement('support-form', SupportForm);

declare global {
  interface HTMLElementTagNameMap {
    'support-form': SupportForm;
  }
}
