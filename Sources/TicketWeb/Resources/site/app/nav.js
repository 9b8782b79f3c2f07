// The navigation bar and signing out.
import { request, session } from './api.js';
import { currentUser, forgetCurrentUser, forgetTechnicians, managesUsers, worksQueue } from './account-state.js';
import { h } from './dom.js';
import { current, navigate } from './router.js';
import { forgetDraft } from './views/new-ticket.js';

let signInNotice = '';

/** A message for the sign-in page to show once (why the session ended). */
export function takeSignInNotice() {
  const notice = signInNotice;
  signInNotice = '';
  return notice;
}

/** The navigation bar for the signed-in user (empty when signed out). */
export function drawNav() {
  const nav = document.getElementById('nav');
  const user = currentUser();
  if (!user || !session.token) { nav.replaceChildren(); return; }
  const links = [
    worksQueue() ? ['#/queue', 'Queue'] : null,
    ['#/mine', 'My tickets'],
    ['#/new', 'Report a problem'],
    ['#/board', 'Office board'],
    managesUsers() ? ['#/users', 'Users'] : null,
    ['#/account', 'Account'],
  ].filter(Boolean);
  const here = `#${current().path}`;
  nav.replaceChildren(
    h('ul', null, links.map(([href, text]) => h('li', null, h('a', { href, 'aria-current': href === here ? 'page' : null }, text)))),
    h('button', { type: 'button', class: 'link', onclick: () => signOutHere() }, `Sign out (${user.name})`),
  );
}

/**
 * The "Sign out" button: ends this tab's token on the server, then in the tab. The tab forgets
 * the token even when the server cannot be reached (the token then lasts until it expires).
 */
async function signOutHere() {
  if (session.token) {
    try { await request('POST', '/auth/logout'); } catch { /* signed out in this tab regardless */ }
  }
  signOut();
}

/** Ends the session in this tab (the token is forgotten). */
export function signOut(notice = 'You are signed out.') {
  session.end();
  forgetCurrentUser();
  drawNav();
  forgetTechnicians();
  forgetDraft();
  signInNotice = typeof notice === 'string' ? notice : 'You are signed out.';
  navigate('#/signin');
}

