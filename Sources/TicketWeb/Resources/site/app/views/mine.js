// My tickets: what I reported, each active one with its place in the queue.
import { get, withQuery } from '../api.js';
import { h } from '../dom.js';
import { plural } from '../format.js';
import { positionLine, ticketList, ticketRow } from './ticket-list.js';

export async function renderMine(view) {
  document.title = 'My tickets · IT tickets';
  view.append(h('h1', null, 'My tickets'), h('p', { class: 'loading' }, 'Loading…'),
    h('p', null, h('a', { class: 'button primary', href: '#/new' }, 'Report a problem')));
  // The queue positions of my active tickets come with the office figures.
  let positions = new Map();
  try {
    const { data } = await get('/stats?days=1');
    positions = new Map(data.mine.map((entry) => [entry.id, entry.queue_position]));
  } catch {
    // The list still shows without positions.
  }
  const list = await ticketList(withQuery('/tickets', { created_by_id: 'me', limit: 50 }),
    (ticket) => ticketRow(ticket, positionLine(ticket, positions.get(ticket.id))),
    { empty: 'You have not reported anything yet.', count: (total) => `${plural(total, 'ticket')} reported by you.` });
  view.querySelector('.loading')?.remove();
  view.append(list);
}
