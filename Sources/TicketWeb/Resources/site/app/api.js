// The one way the pages talk to the server: the public JSON API, with the session's token.
// The token lives in sessionStorage (gone when the tab closes), never in a URL or localStorage.

const TOKEN_KEY = 'tickets.token';

/** An error answer of the API (RFC 9457 problem) or an unreachable server (status 0). */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(typeof problem?.detail === 'string' ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.title = typeof problem?.title === 'string' ? problem.title : '';
    this.detail = typeof problem?.detail === 'string' ? problem.detail : '';
    this.errors = problem?.errors && typeof problem.errors === 'object' ? problem.errors : {};
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    this.retryAfter = Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
    /** Set by a page that knows better words for this error in its context. */
    this.explanation = '';
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  start(token) { sessionStorage.setItem(TOKEN_KEY, token); },
  end() { sessionStorage.removeItem(TOKEN_KEY); },
};

let inFlight = 0;
const busyListeners = [];
let sessionEndedListener = () => {};

/** Calls `listener(busy)` whenever requests start or all finish (the loading state). */
export function onBusyChange(listener) { busyListeners.push(listener); }

/** Calls `listener()` when the server refuses the session's token (401). */
export function onSessionEnded(listener) { sessionEndedListener = listener; }

function busy(change) {
  const before = inFlight > 0;
  inFlight += change;
  if (before !== inFlight > 0) for (const listener of busyListeners) listener(inFlight > 0);
}

/**
 * Sends one request. Resolves to `{data, etag, next, total}`; rejects with an ApiError.
 * @param {string} method
 * @param {string} path  a path of this origin, e.g. `/tickets?limit=20`
 * @param {{body?: object, ifMatch?: number, signal?: AbortSignal}} options
 */
export async function request(method, path, { body, ifMatch, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  busy(+1);
  try {
    let response;
    try {
      response = await fetch(path, {
        method, headers, signal, cache: 'no-store', credentials: 'omit',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, { detail: 'The server cannot be reached. Check your connection and try again.' });
    }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (!response.ok) {
      const error = new ApiError(response.status, data, response.headers.get('Retry-After'));
      if (response.status === 401 && token) { session.end(); sessionEndedListener(); }
      throw error;
    }
    return {
      data,
      etag: response.headers.get('ETag'),
      next: nextPage(response.headers.get('Link')),
      total: Number.parseInt(response.headers.get('X-Total-Count') ?? '', 10),
    };
  } finally {
    busy(-1);
  }
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

/**
 * `path?query` from a map of parameters; arrays are repeated, empty values left out. Values
 * are percent-encoded (a space as %20: the API reads `+` as a plus sign).
 */
export function withQuery(path, parameters) {
  const parts = [];
  for (const [name, value] of Object.entries(parameters)) {
    for (const item of [value].flat()) {
      if (item !== undefined && item !== null && item !== '') parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** The next page's path from a `Link: <...>; rel="next"` header, if it stays on this origin. */
function nextPage(header) {
  const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header ?? '');
  if (!match) return null;
  try {
    const url = new URL(match[1], location.origin);
    return url.origin === location.origin ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}
