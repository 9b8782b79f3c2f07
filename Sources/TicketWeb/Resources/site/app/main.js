// Starts the pages: the navigation for the signed-in user's role, the routes, the loading
// indicator and what happens when the server ends the session.
import { onBusyChange, onSessionEnded, session } from './api.js';
import { currentUser, loadCurrentUser, managesUsers, worksQueue } from './account-state.js';
import { h } from './dom.js';
import { describe } from './problems.js';
import { drawNav, signOut } from './nav.js';
import { current, fallback, navigate, route, start } from './router.js';
import { renderAccount } from './views/account.js';
import { renderBoard } from './views/board.js';
import { renderMine } from './views/mine.js';
import { renderNewTicket } from './views/new-ticket.js';
import { renderQueue } from './views/queue.js';
import { renderRegister, renderSignIn } from './views/sign-in.js';
import { renderTicket } from './views/ticket.js';
import { renderUsers } from './views/users.js';

/** Pages anyone may open; every other page needs a session. */
const PUBLIC_PATHS = new Set(['/signin', '/register']);

function signedIn(page, allowed = () => true) {
  return async (view, context) => {
    if (!session.token) { navigate('#/signin', { replace: true }); return; }
    try {
      if (!currentUser()) await loadCurrentUser();
    } catch (error) {
      view.append(h('div', { class: 'alert', role: 'alert' }, describe(error)));
      return;
    }
    drawNav();
    if (!allowed()) { view.append(h('h1', null, 'Not for your role'), h('p', null, 'This page is for technicians and administrators.')); return; }
    await page(view, context);
  };
}

route('/signin', renderSignIn);
route('/register', renderRegister);
route('/', signedIn(async () => navigate(worksQueue() ? '#/queue' : '#/mine', { replace: true })));
route('/mine', signedIn(renderMine));
route('/new', signedIn(renderNewTicket));
route('/tickets/:id', signedIn(renderTicket));
route('/board', signedIn(renderBoard));
route('/queue', signedIn(renderQueue, worksQueue));
route('/users', signedIn(renderUsers, managesUsers));
route('/account', signedIn(renderAccount));
fallback((view) => view.append(h('h1', null, 'No such page'), h('p', null, h('a', { href: '#/' }, 'Go to the start page'))));

onSessionEnded(() => {
  if (PUBLIC_PATHS.has(current().path)) return;
  signOut('Your session has ended: it expired, or it was ended by signing out everywhere, a password change or an administrator. Please sign in again.');
});

const progress = document.getElementById('progress');
onBusyChange((busy) => {
  document.body.classList.toggle('busy', busy);
  progress.textContent = busy ? 'Loading…' : '';
});

addEventListener('hashchange', drawNav);
start();
