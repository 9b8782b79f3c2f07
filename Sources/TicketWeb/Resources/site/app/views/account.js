// The signed-in person's account: their details, a new password (with the current one), and
// signing out on every device.
import { patch, post } from '../api.js';
import { currentUser } from '../account-state.js';
import { h } from '../dom.js';
import { label } from '../format.js';
import { signOut } from '../nav.js';
import { field, submitting } from '../problems.js';

function passwordForm(me) {
  const current = h('input', { type: 'password', required: true, autocomplete: 'current-password' });
  const next = h('input', { type: 'password', required: true, minlength: 8, maxlength: 128, autocomplete: 'new-password' });
  const repeat = h('input', { type: 'password', required: true, autocomplete: 'new-password' });
  const form = h('form', { class: 'card narrow change-password' },
    h('h2', null, 'Change your password'),
    field('Current password', current, 'current_password'),
    field('New password', next, 'password', '8 to 128 characters'),
    field('New password again', repeat, 'repeat'),
    h('button', { type: 'submit', class: 'primary' }, 'Change password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (next.value !== repeat.value) {
      form.querySelector('[data-error-for="repeat"]').textContent = 'The two new passwords differ.';
      repeat.setAttribute('aria-invalid', 'true');
      repeat.focus();
      return;
    }
    submitting(form, async () => {
      try {
        await patch(`/users/${me.id}`, { password: next.value, current_password: current.value });
      } catch (error) {
        // A wrong current password is a 403: say so beside its field.
        if (error.status === 403) error.errors = { current_password: ['This is not your current password.'] };
        throw error;
      }
      // A new password ends every earlier session, this one included.
      signOut('Your password is changed. Sign in with the new one.');
    });
  });
  return form;
}

function everywhereForm() {
  const form = h('form', { class: 'card narrow' },
    h('h2', null, 'Signed in somewhere else?'),
    h('p', null, 'Ends every session of your account, on every device, this one included.'),
    h('button', { type: 'submit', class: 'danger' }, 'Sign out everywhere'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      await post('/auth/logout-all');
      signOut('You are signed out on every device.');
    });
  });
  return form;
}

export function renderAccount(view) {
  document.title = 'Account · IT tickets';
  const me = currentUser();
  view.append(
    h('h1', null, 'Your account'),
    h('dl', { class: 'card narrow details' },
      h('dt', null, 'Name'), h('dd', null, me.name),
      h('dt', null, 'Email'), h('dd', null, me.email),
      h('dt', null, 'Role'), h('dd', null, label(me.user_role?.role_name ?? ''))),
    passwordForm(me),
    everywhereForm());
}
