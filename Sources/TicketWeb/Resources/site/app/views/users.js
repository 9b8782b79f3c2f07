// User management for administrators: create an account with a role, change a role,
// deactivate an account (its tickets and comments stay).
import { del, get, patch, post } from '../api.js';
import { currentUser, forgetTechnicians } from '../account-state.js';
import { h, select } from '../dom.js';
import { label } from '../format.js';
import { field, problemBox, submitting } from '../problems.js';
import { render } from '../router.js';

const ROLES = [['user', 'Staff (user)'], ['tech', 'Technician'], ['admin', 'Administrator']];

function createForm() {
  const name = h('input', { type: 'text', required: true, maxlength: 100, autocomplete: 'off' });
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const password = h('input', { type: 'password', required: true, minlength: 8, maxlength: 128, autocomplete: 'new-password' });
  const role = select(ROLES, 'user');
  const form = h('form', { class: 'card create-user' },
    h('h2', null, 'Create an account'),
    h('div', { class: 'row' }, field('Name', name, 'name'), field('Email', email, 'email'),
      field('First password', password, 'password', '8 to 128 characters; they can change it'), field('Role', role, 'role')),
    h('button', { type: 'submit', class: 'primary' }, 'Create account'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      await post('/auth/register/admin', { name: name.value, email: email.value, password: password.value, role: role.value });
      forgetTechnicians();
      await render();
    });
  });
  return form;
}

/** One account: role change and deactivation (with a confirmation step). */
function userRow(user, me) {
  const role = select(ROLES, user.user_role?.role_name ?? 'user');
  role.setAttribute('aria-label', `Role of ${user.name}`);
  const controls = h('form', { class: 'user-controls' });
  const self = user.id === me.id;
  if (user.active && !self) {
    const confirmBox = h('div', { class: 'confirm', hidden: true },
      h('p', null, `Deactivate ${user.name}? They are signed out and cannot sign in; their tickets stay.`),
      h('button', { type: 'button', class: 'danger confirm-deactivate' }, 'Yes, deactivate'), ' ',
      h('button', { type: 'button', class: 'cancel' }, 'Cancel'));
    controls.append(
      field('Role', role, 'role'),
      h('button', { type: 'submit' }, 'Change role'), ' ',
      h('button', { type: 'button', class: 'danger deactivate' }, 'Deactivate'),
      confirmBox);
    controls.querySelector('.deactivate').addEventListener('click', () => { confirmBox.hidden = false; confirmBox.querySelector('.cancel').focus(); });
    confirmBox.querySelector('.cancel').addEventListener('click', () => {
      confirmBox.hidden = true;
      controls.querySelector('.deactivate').focus();
    });
    confirmBox.querySelector('.confirm-deactivate').addEventListener('click', () => submitting(controls, async () => {
      await del(`/users/${user.id}`);
      forgetTechnicians();
      await render();
    }));
    controls.addEventListener('submit', (event) => {
      event.preventDefault();
      submitting(controls, async () => {
        await patch(`/users/${user.id}`, { role: role.value });
        forgetTechnicians();
        await render();
      });
    });
  }
  return h('article', { class: 'user-row', dataset: { userId: user.id } },
    h('h3', null, user.name, self ? ' (you)' : ''),
    h('p', { class: 'meta' }, user.email, ' · ', label(user.user_role?.role_name ?? ''), user.active ? '' : h('strong', { class: 'inactive' }, ' · deactivated')),
    controls.childNodes.length ? controls : null);
}

export async function renderUsers(view) {
  document.title = 'Users · IT tickets';
  view.append(h('h1', null, 'Users'), createForm());
  const list = h('ul', { class: 'users' });
  view.append(h('h2', null, 'Accounts'), list);
  let path = '/users?limit=200';
  try {
    while (path) {
      const page = await get(path);
      list.append(...page.data.map((user) => h('li', null, userRow(user, currentUser()))));
      path = page.next;
    }
  } catch (error) {
    view.append(problemBox(error));
  }
}
