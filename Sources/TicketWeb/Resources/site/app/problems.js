// Turns API errors into words on the page: field messages next to their fields, everything
// else in the form's alert.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { wait } from './format.js';

/** One sentence for an error, by status. */
export function describe(error) {
  if (!(error instanceof ApiError)) return `Something went wrong on this page (${error?.message ?? error}).`;
  if (error.explanation) return error.explanation;
  const detail = error.detail ? ` (${error.detail})` : '';
  switch (error.status) {
    case 0: return error.detail;
    case 400: return error.detail || 'Please check what you entered.';
    case 401: return error.detail || 'Please sign in.';
    case 403: return `You are not allowed to do that${detail}.`;
    case 404: return 'Not found: it does not exist, or it is not yours to see.';
    case 409: return error.detail || 'That conflicts with something that already exists.';
    case 412: return 'Someone else changed this ticket — reload to see their change.';
    case 413: return 'That is too long to send.';
    case 429: return `Too many attempts. Try again in ${wait(error.retryAfter)}.`;
    default: return 'The server had a problem, and nothing was changed. Try again in a moment.';
  }
}

/** An alert box for an error, with a Reload button for a 412 when `reload` is given. */
export function problemBox(error, reload) {
  return h('div', { class: 'alert', role: 'alert', tabindex: '-1' }, describe(error),
    error instanceof ApiError && error.status === 412 && reload ? [' ', h('button', { type: 'button', onclick: reload }, 'Reload')] : null);
}

let fieldCount = 0;

/**
 * A labelled form control with a slot for its error messages.
 * @param {string} text  the label
 * @param {HTMLElement} control  an input, select or textarea
 * @param {string} name  the API's field name, which error messages are matched by
 * @param {string} [hint]
 */
export function field(text, control, name, hint) {
  const id = `field-${name}-${++fieldCount}`;
  control.id = id;
  control.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error`, dataset: { errorFor: name } });
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintNode?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id }, text), hintNode, control, error);
}

/** Clears the form's messages. */
export function clearProblems(form) {
  for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  for (const box of form.querySelectorAll(':scope > .alert')) box.remove();
}

/** Shows an error on a form: each field's messages beside it, the rest in an alert at the top. */
export function showProblem(form, error, reload) {
  clearProblems(form);
  let placed = 0;
  if (error instanceof ApiError) {
    for (const [name, messages] of Object.entries(error.errors)) {
      const slot = [...form.querySelectorAll('.field-error')].find((node) => node.dataset.errorFor === name);
      if (!slot) continue;
      slot.textContent = [messages].flat().map(String).join('; ');
      form.elements.namedItem(name)?.setAttribute?.('aria-invalid', 'true');
      placed += 1;
    }
  }
  const unplaced = !(error instanceof ApiError) || Object.keys(error.errors).length > placed;
  if (unplaced || placed === 0) form.prepend(problemBox(error, reload));
  (form.querySelector('[aria-invalid]') ?? form.querySelector('.alert'))?.focus?.();
}

/**
 * Runs `action` for a form's submission: the form shows its busy state and buttons are
 * disabled meanwhile; an error is shown on the form. Resolves to the action's result, or
 * `undefined` after an error.
 */
export async function submitting(form, action, reload) {
  clearProblems(form);
  const buttons = [...form.querySelectorAll('button')];
  for (const button of buttons) button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } catch (error) {
    if (error?.name === 'AbortError') return undefined;
    if (error instanceof ApiError && error.status === 401 && !form.dataset.signIn) return undefined;
    showProblem(form, error, reload);
    return undefined;
  } finally {
    for (const button of buttons) button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
