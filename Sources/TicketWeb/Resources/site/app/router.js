// Hash routes (#/tickets/7?x=y): each page is a function that fills a fresh <section>.
import { h } from './dom.js';

const routes = [];
let notFound = (view) => view.append(h('h1', null, 'No such page'));

/**
 * Adds a page: `pattern` like `/tickets/:id`; `render(view, {params, query})` fills `view`.
 */
export function route(pattern, render) {
  const names = [];
  const source = pattern.replace(/:([a-z]+)/g, (_, name) => { names.push(name); return '([0-9]+)'; });
  routes.push({ regex: new RegExp(`^${source}$`), names, render });
}

export function fallback(render) { notFound = render; }

/** The current route's path and query. */
export function current() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, query = ''] = hash.split('?', 2);
  return { path, query: new URLSearchParams(query) };
}

/** Goes to `hash` (e.g. `#/mine`), or renders the page again when already there. */
export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

/**
 * Renders the current route into <main>. Each render gets its own <section>, so an older page
 * that finishes loading late writes into a section that is no longer shown.
 */
export async function render() {
  const main = document.getElementById('main');
  const view = h('section', { class: 'page' });
  main.replaceChildren(view);
  const { path, query } = current();
  for (const { regex, names, render: page } of routes) {
    const match = regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, index) => [name, Number.parseInt(match[index + 1], 10)]));
    await page(view, { params, query });
    return;
  }
  notFound(view);
}

export function start() {
  addEventListener('hashchange', () => { render(); document.getElementById('main').focus({ preventScroll: true }); });
  render();
}
