// The baseline of the customer-portal page: a plain Lit sign-in form.
import { render } from 'lit';
import { plainSignInForm } from './baseline.js';
import { paintedWhen } from './timing.js';

const stage = document.querySelector<HTMLElement>('#stage')!;
render(plainSignInForm(), stage);
window.kpReady = paintedWhen(() => Boolean(stage.querySelector('input[type=email]')));
