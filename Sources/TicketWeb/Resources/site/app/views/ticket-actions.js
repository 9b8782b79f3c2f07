// What may be done to a ticket: its reporter withdraws or reopens it; technicians assign it,
// move its status and priority, and mark it as a duplicate. Every change is sent with the
// version the page shows (If-Match), so a change made meanwhile by someone else is a 412.
import { get, patch, withQuery } from '../api.js';
import { categoryOptions, loadCategories, loadTechnicians } from '../account-state.js';
import { h, select } from '../dom.js';
import { label, PRIORITIES, STATUSES } from '../format.js';
import { field, submitting } from '../problems.js';
import { render } from '../router.js';

const reload = () => render();

/** Sends a change to the ticket at the version shown, then shows the ticket again. */
async function change(ticket, body) {
  await patch(`/tickets/${ticket.id}`, body, { ifMatch: ticket.version });
  await render();
}

/** A form of one button that sends one change. */
function actionButton(text, ticket, body, className = '') {
  const form = h('form', { class: 'inline-action' }, h('button', { type: 'submit', class: className }, text));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, () => change(ticket, body), reload);
  });
  return form;
}

/** Withdraw (while active) or reopen (once resolved), for the person who reported it. */
export function ownerActions(ticket, me) {
  if (!me || ticket.created_by_user?.id !== me.id) return null;
  if (['incoming', 'open', 'in progress', 'on hold'].includes(ticket.status)) {
    return h('div', { class: 'owner-actions' },
      h('p', { class: 'hint' }, 'Solved it yourself, or no longer needed?'),
      actionButton('Withdraw this ticket', ticket, { status: 'closed' }));
  }
  if (ticket.status === 'resolved') {
    return h('div', { class: 'owner-actions' },
      h('p', { class: 'hint' }, 'Still not working?'),
      actionButton('Reopen', ticket, { status: 'open' }));
  }
  return null;
}

/** The technician's controls: assignee, status, priority, category, and marking as a duplicate. */
export async function workPanel(ticket, me) {
  let technicians = [];
  try { technicians = await loadTechnicians(); } catch { /* the select then offers only "nobody" and "me" */ }
  let names = [];
  try { names = await loadCategories(); } catch { /* the select then offers only "none" and the ticket's own */ }
  // A category no longer configured stays selectable, so that saving another change keeps it.
  if (ticket.category && !names.includes(ticket.category)) names = [...names, ticket.category];
  const assigneeOptions = [['', 'Nobody'], ...technicians.map((tech) => [String(tech.id), tech.name])];
  if (!assigneeOptions.some(([id]) => id === String(me.id))) assigneeOptions.push([String(me.id), me.name]);
  // The current assignee stays selectable even when no longer assignable (deactivated, another
  // role), so that saving a status change does not quietly unassign the ticket.
  const current = ticket.assigned_to_user;
  if (current && !assigneeOptions.some(([id]) => id === String(current.id))) {
    assigneeOptions.push([String(current.id), `${current.name} (cannot be assigned now)`]);
  }
  const assignee = select(assigneeOptions, String(current?.id ?? ''));
  const status = select(STATUSES.map((value) => [value, label(value)]), ticket.status);
  const priority = select(PRIORITIES.map((value) => [value, label(value)]), ticket.priority);
  const category = select(categoryOptions(names, 'None'), ticket.category ?? '');
  const form = h('form', { class: 'work-panel card', 'aria-labelledby': 'work-heading' },
    h('h2', { id: 'work-heading' }, 'Work on this ticket'),
    h('div', { class: 'row' }, field('Assigned to', assignee, 'assigned_to_id'), field('Status', status, 'status'), field('Priority', priority, 'priority'),
      field('Category', category, 'category')),
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'primary' }, 'Save changes'),
      ticket.assigned_to_user?.id === me.id ? null : h('button', { type: 'button', class: 'assign-me' }, 'Assign to me')));
  form.querySelector('.assign-me')?.addEventListener('click', () => {
    submitting(form, () => change(ticket, { assigned_to_id: me.id }), reload);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {};
    if (assignee.value !== String(current?.id ?? '')) body.assigned_to_id = assignee.value === '' ? null : Number.parseInt(assignee.value, 10);
    if (status.value !== ticket.status) body.status = status.value;
    if (priority.value !== ticket.priority) body.priority = priority.value;
    if (category.value !== (ticket.category ?? '')) body.category = category.value || null;
    if (Object.keys(body).length === 0) return;
    submitting(form, () => change(ticket, body), reload);
  });
  return h('div', null, form, ticket.duplicate_of_id ? null : duplicatePicker(ticket));
}

/** Finds the original ticket by text and marks this one as its duplicate (which closes it). */
function duplicatePicker(ticket) {
  const query = h('input', { type: 'search', autocomplete: 'off' });
  const results = h('ul', { class: 'picker-results' });
  const form = h('form', null,
    field('Find the original', query, 'q', 'Words from its title, description or comments'),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const { data } = await get(withQuery('/tickets', { q: query.value, limit: 8 }));
      const candidates = data.filter((candidate) => candidate.id !== ticket.id);
      results.replaceChildren(...(candidates.length ? candidates.map((candidate) => h('li', null,
        h('span', null, `#${candidate.id} `, candidate.title, ` (${label(candidate.status)})`), ' ',
        actionButton(`Mark as duplicate of #${candidate.id}`, ticket, { duplicate_of_id: candidate.id }))) : [h('li', null, 'No ticket matches.')]));
    });
  });
  return h('div', { class: 'duplicate-picker card' }, h('h2', null, 'Same problem as another ticket?'), form, results);
}
