// The office board (GET /stats): what is open, who works on how much, how fast things get
// fixed, and the last 30 days. The same figures for everyone.
import { get } from '../api.js';
import { trendChart } from '../chart.js';
import { h, ticketLink } from '../dom.js';
import { duration, label, PRIORITIES, queuePosition, STATUSES } from '../format.js';
import { problemBox } from '../problems.js';

function figure(value, text) {
  return h('div', { class: 'figure' }, h('span', { class: 'value' }, value), h('span', { class: 'caption' }, text));
}

/** Rows of "label, meter, count" for a map of counts. */
function meters(entries, max) {
  return h('ul', { class: 'meters' }, entries.map(([name, count]) => h('li', null,
    h('span', { class: 'name' }, name),
    h('meter', { min: 0, max: Math.max(1, max), value: count, 'aria-label': `${name}: ${count}` }),
    h('span', { class: 'count' }, count))));
}

export async function renderBoard(view) {
  document.title = 'Office board · IT tickets';
  view.append(h('h1', null, 'Office board'), h('p', { class: 'loading' }, 'Loading…'));
  let stats;
  try {
    stats = (await get('/stats?days=30')).data;
  } catch (error) {
    view.replaceChildren(h('h1', null, 'Office board'), problemBox(error));
    return;
  }
  const statusCounts = STATUSES.filter((status) => !['resolved', 'closed'].includes(status)).map((status) => [label(status), stats.by_status?.[status] ?? 0]);
  const priorityCounts = PRIORITIES.slice().reverse().map((priority) => [label(priority), stats.by_priority_active?.[priority] ?? 0]);
  const workload = (stats.workload ?? []).map((entry) => [entry.user?.name ?? 'someone', entry.active_assigned]);
  const busiest = Math.max(stats.unassigned_active ?? 0, ...workload.map(([, count]) => count));
  view.replaceChildren(
    h('h1', null, 'Office board'),
    h('div', { class: 'figures' },
      figure(stats.active_total, 'active tickets'),
      figure(stats.unassigned_active, 'waiting for a technician'),
      figure(duration(stats.median_hours_to_resolve_30d) ?? '—', 'median time to fix (30 days)')),
    h('div', { class: 'columns' },
      h('section', null, h('h2', null, 'Active by status'), meters(statusCounts, stats.active_total)),
      h('section', null, h('h2', null, 'Active by priority'), meters(priorityCounts, stats.active_total)),
      h('section', null, h('h2', null, 'Technicians’ workload'),
        workload.length || stats.unassigned_active ? meters([...workload, ['Not assigned', stats.unassigned_active]], busiest) : h('p', null, 'Nothing assigned.'))),
    h('section', null, h('h2', null, 'Last 30 days'), trendChart(stats.trend ?? [])),
    h('section', null, h('h2', null, 'Your active tickets'),
      stats.mine?.length
        ? h('ul', { class: 'mine' }, stats.mine.map((entry) => h('li', null, ticketLink(entry.id, `#${entry.id} `, entry.title), ' — ', label(entry.status), ', ', queuePosition(entry.queue_position) ?? '')))
        : h('p', null, 'None: nothing of yours is waiting.')));
}
