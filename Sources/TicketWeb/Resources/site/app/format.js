// How dates, ages, positions and labels read on the pages.

export const STATUSES = ['incoming', 'open', 'in progress', 'on hold', 'resolved', 'closed'];
export const ACTIVE_STATUSES = ['incoming', 'open', 'in progress', 'on hold'];
export const PRIORITIES = ['low', 'medium', 'high', 'emergency'];

/** "In progress" for "in progress". */
export function label(word) {
  const text = String(word ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function isActive(status) { return ACTIVE_STATUSES.includes(status); }

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** "3rd in the queue", or null for an inactive ticket. */
export function queuePosition(position) {
  return Number.isSafeInteger(position) && position > 0 ? `${ordinal(position)} in the queue` : null;
}

/** "just now", "5 minutes ago", "3 days ago". */
export function ago(iso, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const minutes = Math.floor((now - then) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return plural(minutes, 'minute') + ' ago';
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour') + ' ago';
  return plural(Math.floor(hours / 24), 'day') + ' ago';
}

/** The local date and time, for a tooltip or a timeline. */
export function dateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** "40 minutes", "5.5 hours", "2.3 days". */
export function duration(hours) {
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) return null;
  if (hours < 1 / 60) return 'under a minute';
  if (hours < 1) return plural(Math.round(hours * 60), 'minute');
  if (hours < 48) return `${round(hours)} ${round(hours) === 1 ? 'hour' : 'hours'}`;
  return `${round(hours / 24)} days`;
}

/** "in 40 seconds", "in 3 minutes" for a Retry-After. */
export function wait(seconds) {
  if (seconds === null || seconds === undefined) return 'a little while';
  if (seconds < 90) return plural(seconds, 'second');
  return plural(Math.ceil(seconds / 60), 'minute');
}

export function plural(n, word) { return `${n} ${word}${n === 1 ? '' : 's'}`; }

function round(value) { return Math.round(value * 10) / 10; }
