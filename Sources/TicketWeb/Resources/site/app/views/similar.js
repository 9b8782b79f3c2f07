// "Someone already reported this": the open tickets most like a text (GET /tickets/similar).
import { h, ticketLink } from '../dom.js';
import { ago } from '../format.js';
import { badge } from './ticket-list.js';

/**
 * A list of similar tickets: title, status, priority and age, each with a link to open it
 * (a colleague's ticket may not be open to you; its page then says so).
 */
export function similarList(items) {
  return h('ul', { class: 'similar' }, items.map((item) => h('li', { dataset: { ticketId: item.id } },
    ticketLink(item.id, `#${item.id} `, item.title), ' ',
    badge('status', item.status), ' ', badge('priority', item.priority), ' ',
    h('span', { class: 'meta' }, `reported ${ago(item.created_at)}`))));
}
