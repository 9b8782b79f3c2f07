// A ticket's history as a timeline, oldest first.
import { get } from '../api.js';
import { h, ticketLink } from '../dom.js';
import { dateTime, label } from '../format.js';
import { problemBox } from '../problems.js';

/** What an event says after the actor's name. */
function sentence(event, people) {
  const person = (id) => people.get(Number.parseInt(id, 10)) ?? `user #${id}`;
  switch (event.event) {
    case 'created': return 'reported the problem';
    case 'title_changed': return ['changed the title to “', event.to ?? '', '”'];
    case 'description_changed': return 'edited the description';
    case 'priority_changed': return `changed the priority from ${label(event.from)} to ${label(event.to)}`;
    case 'status_changed': return `changed the status from ${label(event.from)} to ${label(event.to)}`;
    case 'assigned': return `assigned it to ${person(event.to)}`;
    case 'unassigned': return 'took it off the technician';
    case 'marked_duplicate': return ['marked it as a duplicate of ', ticketLink(Number.parseInt(event.to, 10), `#${event.to}`)];
    case 'commented': return 'commented';
    case 'comment_edited': return 'edited a comment';
    case 'comment_deleted': return 'deleted a comment';
    default: {
      // Any other field's change, so that a new ticket field needs no sentence of its own.
      const field = /^(.+)_changed$/.exec(String(event.event));
      if (!field) return String(event.event).replaceAll('_', ' ');
      return `changed the ${field[1].replaceAll('_', ' ')} from ${event.from ?? 'none'} to ${event.to ?? 'none'}`;
    }
  }
}

export async function historyTimeline(ticket, people) {
  const section = h('section', { class: 'history', 'aria-labelledby': 'history-heading' }, h('h2', { id: 'history-heading' }, 'History'));
  const list = h('ol', { class: 'timeline' });
  section.append(list);
  let path = `/tickets/${ticket.id}/history?limit=200`;
  try {
    while (path) {
      const page = await get(path);
      list.append(...page.data.map((event) => h('li', { dataset: { event: event.event } },
        h('time', { datetime: event.at }, dateTime(event.at)), ' ',
        h('span', { class: 'person' }, event.actor?.name ?? 'someone'), ' ', sentence(event, people))));
      path = page.next;
    }
  } catch (error) {
    section.append(problemBox(error));
  }
  return section;
}
