// Sign in and self-registration.
import { post, session } from '../api.js';
import { loadCurrentUser } from '../account-state.js';
import { append, h } from '../dom.js';
import { drawNav, takeSignInNotice } from '../nav.js';
import { field, submitting } from '../problems.js';
import { navigate } from '../router.js';

/** Signs in with an email and password and opens the start page. */
async function signIn(email, password) {
  const { data } = await post('/auth/login', { email, password });
  session.start(data.token);
  await loadCurrentUser();
  drawNav();
  navigate('#/');
}

export function renderSignIn(view) {
  document.title = 'Sign in · IT tickets';
  const notice = takeSignInNotice();
  const email = h('input', { type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card narrow', dataset: { signIn: 'yes' } },
    field('Email', email, 'email'),
    field('Password', password, 'password'),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, () => signIn(email.value, password.value));
  });
  append(view, [
    h('h1', null, 'Sign in'),
    notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
    form,
    h('p', null, 'No account yet? ', h('a', { href: '#/register' }, 'Create one'))]);
  email.focus();
}

export function renderRegister(view) {
  document.title = 'Create an account · IT tickets';
  const name = h('input', { type: 'text', autocomplete: 'name', required: true, maxlength: 100 });
  const email = h('input', { type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 128 });
  const form = h('form', { class: 'card narrow', dataset: { signIn: 'yes' } },
    field('Your name', name, 'name'),
    field('Work email', email, 'email'),
    field('Password', password, 'password', '8 to 128 characters'),
    h('button', { type: 'submit', class: 'primary' }, 'Create account'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      try {
        await post('/auth/register', { name: name.value, email: email.value, password: password.value });
      } catch (error) {
        if (error.status === 403) error.explanation = 'This server does not take sign-ups: ask your IT person for an account.';
        throw error;
      }
      await signIn(email.value, password.value);
    });
  });
  view.append(h('h1', null, 'Create an account'), form, h('p', null, 'Already have one? ', h('a', { href: '#/signin' }, 'Sign in')));
  name.focus();
}
