// The office's trend as an inline SVG bar chart: tickets created and resolved per day.
import { h, svg } from './dom.js';

const WIDTH = 640;
const HEIGHT = 180;
const AXIS = 20;

/**
 * A chart of `trend` ([{date, created, resolved}], oldest first): two bars a day, the
 * highest day's count on the axis, the first and last dates below, and the same figures in
 * a table for screen readers.
 */
export function trendChart(trend) {
  const days = trend.filter((day) => Number.isFinite(day.created) && Number.isFinite(day.resolved));
  const peak = Math.max(1, ...days.map((day) => Math.max(day.created, day.resolved)));
  const slot = (WIDTH - AXIS) / Math.max(1, days.length);
  const bar = Math.max(1, slot / 2 - 1);
  const plot = HEIGHT - AXIS;
  const height = (count) => (count / peak) * (plot - 10);
  const created = days.reduce((sum, day) => sum + day.created, 0);
  const resolved = days.reduce((sum, day) => sum + day.resolved, 0);
  const summary = `${created} created and ${resolved} resolved in the last ${days.length} days`;
  const bars = days.flatMap((day, index) => {
    const x = AXIS + index * slot;
    return [
      svg('rect', { class: 'created', x: x.toFixed(1), y: (plot - height(day.created)).toFixed(1), width: bar.toFixed(1), height: height(day.created).toFixed(1) },
        svg('title', null, `${day.date}: ${day.created} created`)),
      svg('rect', { class: 'resolved', x: (x + bar).toFixed(1), y: (plot - height(day.resolved)).toFixed(1), width: bar.toFixed(1), height: height(day.resolved).toFixed(1) },
        svg('title', null, `${day.date}: ${day.resolved} resolved`)),
    ];
  });
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': summary },
    svg('line', { class: 'axis', x1: AXIS, y1: plot, x2: WIDTH, y2: plot }),
    svg('text', { x: 0, y: 12, class: 'tick' }, String(peak)),
    svg('text', { x: 0, y: plot, class: 'tick' }, '0'),
    days.length ? svg('text', { x: AXIS, y: HEIGHT - 4, class: 'tick' }, days[0].date) : null,
    days.length ? svg('text', { x: WIDTH, y: HEIGHT - 4, class: 'tick end' }, days[days.length - 1].date) : null,
    bars);
  const legend = h('p', { class: 'legend' }, h('span', { class: 'key created' }), ' created ', h('span', { class: 'key resolved' }), ' resolved · ', summary);
  const table = h('details', null, h('summary', null, 'The figures as a table'),
    h('table', null, h('thead', null, h('tr', null, h('th', null, 'Day'), h('th', null, 'Created'), h('th', null, 'Resolved'))),
      h('tbody', null, days.map((day) => h('tr', null, h('td', null, day.date), h('td', null, day.created), h('td', null, day.resolved))))));
  return h('figure', { class: 'trend' }, chart, legend, table);
}
