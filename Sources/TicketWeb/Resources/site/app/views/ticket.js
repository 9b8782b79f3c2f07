// A ticket's page: details, where it stands, duplicates, the comment thread, the history, and
// what the signed-in person may do with it.
import { get } from '../api.js';
import { currentUser, loadTechnicians, worksQueue } from '../account-state.js';
import { append, h, ticketLink } from '../dom.js';
import { ago, dateTime, isActive, plural, queuePosition } from '../format.js';
import { describe } from '../problems.js';
import { commentThread } from './ticket-comments.js';
import { historyTimeline } from './ticket-history.js';
import { ownerActions, workPanel } from './ticket-actions.js';
import { similarList } from './similar.js';
import { badge } from './ticket-list.js';

let justFiled = null;

/** Remembers what filing a ticket answered, for its page to show once. */
export function setJustFiled(id, possibleDuplicates) { justFiled = { id, possibleDuplicates }; }

export async function renderTicket(view, { params }) {
  document.title = `Ticket #${params.id} · IT tickets`;
  view.append(h('p', { class: 'loading' }, 'Loading…'));
  // The technicians' names (for the history's assignments) load alongside the ticket.
  const technicianNames = technicianNamesByID();
  let ticket;
  try {
    ticket = (await get(`/tickets/${params.id}`)).data;
  } catch (error) {
    view.replaceChildren(...notOpen(params.id, error));
    return;
  }
  if (!view.isConnected) return;
  document.title = `#${ticket.id} ${ticket.title} · IT tickets`;
  const filed = justFiled?.id === ticket.id ? justFiled : null;
  justFiled = null;
  const people = await technicianNames;
  for (const person of [ticket.created_by_user, ticket.assigned_to_user]) if (person) people.set(person.id, person.name);
  view.replaceChildren();
  append(view, [
    h('p', { class: 'crumbs' }, h('a', { href: worksQueue() ? '#/queue' : '#/mine' }, worksQueue() ? '← Queue' : '← My tickets')),
    filed ? filedNotice(filed) : null,
    h('h1', { class: 'ticket-title' }, `#${ticket.id} `, h('span', { class: 'title-text' }, ticket.title)),
    standing(ticket),
    h('p', { class: 'description' }, ticket.description),
    duplicatesLine(ticket),
    ownerActions(ticket, currentUser()),
    worksQueue() ? await workPanel(ticket, currentUser()) : null,
    commentThread(ticket),
    await historyTimeline(ticket, people)]);
}

/** Why a ticket cannot be shown; a colleague's ticket (from the suggestions) is explained. */
function notOpen(id, error) {
  if (error.status !== 404) return [h('h1', null, `Ticket #${id}`), h('div', { class: 'alert', role: 'alert' }, describe(error))];
  return [
    h('h1', null, `Ticket #${id} is not open to you`),
    h('p', null, 'Either it does not exist, or a colleague reported it: only they and the technicians can open it.'),
    h('p', null, `If it is the same problem as yours, file yours anyway and mention #${id} in it; the technician will link the two.`),
    h('p', null, h('a', { class: 'button', href: '#/new' }, 'Back to my report'), ' ', h('a', { href: '#/mine' }, 'My tickets')),
  ];
}

function filedNotice({ possibleDuplicates }) {
  return h('div', { class: 'notice', role: 'status' },
    h('p', null, h('strong', null, 'Your ticket is filed.'), ' You can follow it here.'),
    possibleDuplicates.length ? [h('p', null, 'These open tickets may be the same problem:'), similarList(possibleDuplicates)] : null);
}

/** Status, priority, category, who, when, and the place in the queue or when it ended. */
function standing(ticket) {
  const assignee = ticket.assigned_to_user;
  const position = queuePosition(ticket.queue_position);
  return h('div', { class: 'standing' },
    h('p', { class: 'meta' }, badge('status', ticket.status), ' ', badge('priority', ticket.priority),
      ticket.category ? [' ', h('span', { class: 'badge category' }, ticket.category)] : null,
      position ? [' ', h('strong', { class: 'position' }, position)] : null),
    h('p', { class: 'meta' },
      'Reported by ', h('span', { class: 'person' }, ticket.created_by_user?.name ?? 'someone'), ' ',
      h('time', { datetime: ticket.created_at, title: dateTime(ticket.created_at) }, ago(ticket.created_at)), ' · ',
      assignee ? ['Assigned to ', h('span', { class: 'person assignee' }, assignee.name)] : 'Not assigned yet'),
    ticket.resolved_at ? h('p', { class: 'meta' }, `Resolved ${ago(ticket.resolved_at)}`) : null,
    ticket.closed_at ? h('p', { class: 'meta' }, `Closed ${ago(ticket.closed_at)}`) : null,
    ticket.duplicate_of_id ? h('p', { class: 'meta' }, 'Closed as a duplicate of ', ticketLink(ticket.duplicate_of_id)) : null,
    isActive(ticket.status) && !assignee ? h('p', { class: 'hint' }, 'A technician will pick it up in queue order.') : null);
}

/** How many others reported the same problem (all of them counted, visible ones linked). */
function duplicatesLine(ticket) {
  const count = ticket.duplicate_count ?? 0;
  if (count === 0) return null;
  const visible = (ticket.duplicates ?? []).filter(Number.isSafeInteger);
  return h('p', { class: 'duplicates' },
    `${plural(count, 'other report')} of the same problem ${count === 1 ? 'was' : 'were'} linked to this one`,
    visible.length ? [': ', visible.flatMap((id, index) => [index ? ', ' : '', ticketLink(id)])] : '', '.');
}

/** Names of the people a history's assignments may mention (it names them by id). */
async function technicianNamesByID() {
  try {
    return new Map((await loadTechnicians()).map((tech) => [tech.id, tech.name]));
  } catch {
    return new Map(); // Without the list, assignments name user ids.
  }
}
