// The comment thread of a ticket and the box to add one.
import { post } from '../api.js';
import { h } from '../dom.js';
import { ago, dateTime } from '../format.js';
import { field, submitting } from '../problems.js';
import { render } from '../router.js';

export function commentThread(ticket) {
  const comments = ticket.comments ?? [];
  const content = h('textarea', { rows: 3, required: true, maxlength: 20000 });
  const form = h('form', { class: 'comment-form' },
    field('Add a comment', content, 'content', 'Anything new: when it happens, what you tried, whether it is fixed for you'),
    h('button', { type: 'submit', class: 'primary' }, 'Comment'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      await post(`/tickets/${ticket.id}/comments`, { content: content.value });
      await render();
    });
  });
  return h('section', { class: 'comments', 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, comments.length ? `Comments (${comments.length})` : 'Comments'),
    comments.length ? null : h('p', { class: 'hint' }, 'No comments yet.'),
    h('ol', { class: 'thread' }, comments.map((comment) => h('li', { class: 'comment', dataset: { commentId: comment.id } },
      h('p', { class: 'meta' }, h('span', { class: 'person' }, comment.user?.name ?? 'someone'), ' ',
        h('time', { datetime: comment.created_at, title: dateTime(comment.created_at) }, ago(comment.created_at))),
      h('p', { class: 'content' }, comment.content)))),
    form);
}
