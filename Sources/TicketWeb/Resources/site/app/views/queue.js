// The technicians' queue: every ticket, filtered, sorted and paged ("Load more"). The filters
// live in the page's address (#/queue?status=...), so a reload or a bookmark keeps them.
import { withQuery } from '../api.js';
import { loadTechnicians } from '../account-state.js';
import { h, select } from '../dom.js';
import { ACTIVE_STATUSES, label, plural, PRIORITIES, STATUSES } from '../format.js';
import { field } from '../problems.js';
import { navigate } from '../router.js';
import { ticketList, ticketRow } from './ticket-list.js';

const SORTS = [
  ['priority-first', 'Most urgent first'],
  ['-created_at', 'Newest first'],
  ['created_at', 'Oldest first'],
  ['-updated_at', 'Recently changed'],
];

/** The API's query for the page's filters. */
function apiQuery(filters) {
  const status = filters.get('status') || 'active';
  const sort = filters.get('sort') || 'priority-first';
  return {
    status: status === 'active' ? ACTIVE_STATUSES.join(',') : status === 'all' ? '' : status,
    priority: filters.get('priority') ?? '',
    assigned_to_id: filters.get('assignee') ?? '',
    q: filters.get('q') ?? '',
    // "Most urgent first": by priority; within one priority the API breaks ties by id in the
    // same direction, so the newest comes first there.
    sort: sort === 'priority-first' ? '-priority' : sort,
    limit: 25,
  };
}

export async function renderQueue(view, { query: filters }) {
  document.title = 'Queue · IT tickets';
  const loading = h('p', { class: 'loading' }, 'Loading…');
  view.append(h('h1', null, 'Queue'), loading);
  let technicians = [];
  try { technicians = await loadTechnicians(); } catch { /* the assignee filter then offers me and nobody */ }
  const status = select([['active', 'Active (not resolved or closed)'], ['all', 'Any status'], ...STATUSES.map((value) => [value, label(value)])],
    filters.get('status') || 'active');
  const priority = select([['', 'Any priority'], ...PRIORITIES.map((value) => [value, label(value)])], filters.get('priority') ?? '');
  const assignee = select([['', 'Anyone'], ['me', 'Me'], ['none', 'Nobody'], ...technicians.map((tech) => [String(tech.id), tech.name])],
    filters.get('assignee') ?? '');
  const text = h('input', { type: 'search', value: filters.get('q') ?? '' });
  const sort = select(SORTS, filters.get('sort') || 'priority-first');
  const form = h('form', { class: 'filters card', role: 'search' },
    h('div', { class: 'row' },
      field('Status', status, 'status'), field('Priority', priority, 'priority'), field('Assigned to', assignee, 'assigned_to_id'),
      field('Search', text, 'q'), field('Sort', sort, 'sort')),
    h('button', { type: 'submit', class: 'primary' }, 'Show'));
  const apply = () => {
    const chosen = { status: status.value, priority: priority.value, assignee: assignee.value, q: text.value.trim(), sort: sort.value };
    navigate(withQuery('#/queue', chosen));
  };
  // Filters apply on "Show" (or Enter), not on each change: arrowing through a select must
  // not reload the list under the keyboard.
  form.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  loading.before(form);
  const list = await ticketList(withQuery('/tickets', apiQuery(filters)),
    (ticket) => ticketRow(ticket, h('p', { class: 'meta' },
      ticket.assigned_to_user ? ['Assigned to ', h('span', { class: 'person' }, ticket.assigned_to_user.name)] : h('strong', null, 'Unassigned'),
      ' · reported by ', h('span', { class: 'person' }, ticket.created_by_user?.name ?? 'someone'))),
    { empty: 'No ticket matches these filters.', count: (total) => `${plural(total, 'ticket')} match.` });
  loading.replaceWith(list);
}
