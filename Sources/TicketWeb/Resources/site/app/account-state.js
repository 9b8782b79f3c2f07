// Who is signed in, and what their role's permissions let the pages offer. The server decides
// every permission; the pages only leave out what would be refused.
import { get } from './api.js';

let me = null;

export function currentUser() { return me; }

/** Reads the signed-in user (GET /auth/me); null without a session. */
export async function loadCurrentUser() {
  me = (await get('/auth/me')).data;
  return me;
}

export function forgetCurrentUser() { me = null; }

/** Whoever may move tickets through their workflow works the queue. */
export function worksQueue() { return me?.permissions?.can_manage_tickets === true; }

/** Whoever may manage users gets the accounts page. */
export function managesUsers() { return me?.permissions?.can_manage_users === true; }

/**
 * Whether another user may be assigned tickets. User lists carry only the role's name, not its
 * flags, so this is the one place the pages still go by role name; the server refuses anyone else.
 */
function mayBeAssigned(user) { return ['tech', 'admin'].includes(user?.user_role?.role_name ?? ''); }

let technicians = null;

/**
 * Active users who may be assigned tickets (tech and admin roles), read once per session; pages
 * asking at the same time share one read.
 */
export function loadTechnicians() {
  technicians ??= readTechnicians().catch((error) => { technicians = null; throw error; });
  return technicians;
}

async function readTechnicians() {
  const found = [];
  let path = '/users?limit=200';
  while (path) {
    const page = await get(path);
    found.push(...page.data.filter((user) => user.active && mayBeAssigned(user)));
    path = page.next;
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** After an account change, read the technicians again next time. */
export function forgetTechnicians() { technicians = null; }

let categories = null;

/** The office's ticket categories (GET /categories), read once per page load. */
export function loadCategories() {
  categories ??= get('/categories').then(({ data }) => data.map((category) => category.name))
    .catch((error) => { categories = null; throw error; });
  return categories;
}

/** `[value, text]` options of a category select: "none" first, then each category. */
export function categoryOptions(names, noneText) {
  return [['', noneText], ...names.map((name) => [name, name])];
}
