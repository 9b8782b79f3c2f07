// A list of tickets with "Load more", shared by My tickets and the queue.
import { get } from '../api.js';
import { h, ticketLink } from '../dom.js';
import { ago, dateTime, isActive, label, queuePosition } from '../format.js';
import { problemBox } from '../problems.js';

/** A status or priority badge. */
export function badge(kind, value) {
  return h('span', { class: `badge ${kind}-${String(value).replace(/[^a-z]/g, '')}` }, label(value));
}

/**
 * A list that reads `path` and follows its next-page links on "Load more".
 * @param {string} path  the first page
 * @param {(ticket: object) => Node} row  draws one ticket
 * @param {{empty: string, count?: (total: number) => string}} texts
 */
export async function ticketList(path, row, texts) {
  const list = h('ul', { class: 'tickets' });
  const summary = h('p', { class: 'summary', role: 'status' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const container = h('div', null, summary, list, more);
  let next = path;
  async function load() {
    more.disabled = true;
    more.textContent = 'Loading…';
    try {
      const page = await get(next);
      list.append(...page.data.map((ticket) => h('li', null, row(ticket))));
      if (Number.isFinite(page.total) && texts.count) summary.textContent = texts.count(page.total);
      if (!list.children.length) summary.textContent = texts.empty;
      next = page.next;
    } catch (error) {
      container.append(problemBox(error));
    } finally {
      more.hidden = !next;
      more.disabled = false;
      more.textContent = 'Load more';
    }
  }
  more.addEventListener('click', load);
  await load();
  return container;
}

/** One ticket: its title as a link, status, priority, who and when; `extra` adds more lines. */
export function ticketRow(ticket, ...extra) {
  return h('article', { class: 'ticket-row', dataset: { ticketId: ticket.id } },
    h('h3', null, ticketLink(ticket.id, `#${ticket.id} `, ticket.title)),
    h('p', { class: 'meta' },
      badge('status', ticket.status), ' ', badge('priority', ticket.priority), ' ',
      h('time', { datetime: ticket.created_at, title: dateTime(ticket.created_at) }, `reported ${ago(ticket.created_at)}`)),
    extra);
}

/** "3rd in the queue" for an active ticket with a known position. */
export function positionLine(ticket, position) {
  if (!isActive(ticket.status)) return null;
  const text = queuePosition(position);
  return text ? h('p', { class: 'position' }, text) : null;
}
