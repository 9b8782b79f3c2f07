// Hash routes (#/tickets/7?x=y): each page is a function that fills a fresh <section>.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { problemBox } from './problems.js';

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

/**
 * Goes to `hash` (e.g. `#/mine`), or renders the page again when already there. With
 * `replace` (a redirect), the page it leaves is not kept in the history, so Back skips it.
 */
export function navigate(hash, { replace = false } = {}) {
  if (location.hash === hash) render();
  else if (replace) location.replace(hash);
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
  const found = routes.map((entry) => ({ entry, match: entry.regex.exec(path) })).find(({ match }) => match);
  try {
    if (!found) {
      notFound(view);
    } else {
      const { entry, match } = found;
      const params = Object.fromEntries(entry.names.map((name, index) => [name, Number.parseInt(match[index + 1], 10)]));
      await entry.render(view, { params, query });
    }
  } catch (error) {
    // An answer of the API is the page's to explain; anything else is a fault of the page,
    // shown and also logged for whoever looks at the console (and for the browser tests).
    if (!(error instanceof ApiError)) console.error(error);
    if (view.isConnected) view.append(problemBox(error));
  }
  // A page that did not put the focus somewhere of its own (a form's first field) leaves it
  // at the start of the new content, not on a button that is gone.
  if (view.isConnected && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

export function start() {
  addEventListener('hashchange', render);
  render();
}
