// Report a problem: while the person types, tickets that look the same are shown, so they can
// open the existing one instead; after filing, the page of the new ticket lists them too.
import { get, post, withQuery } from '../api.js';
import { categoryOptions, loadCategories } from '../account-state.js';
import { h, select } from '../dom.js';
import { label, PRIORITIES } from '../format.js';
import { field, submitting } from '../problems.js';
import { navigate } from '../router.js';
import { similarList } from './similar.js';
import { setJustFiled } from './ticket.js';

/** The draft survives a visit to a suggested ticket and back; cleared once filed. */
const draft = { title: '', description: '', priority: 'medium', category: '' };

/** Forgets the draft (on signing out: the next person in this tab must not see it). */
export function forgetDraft() { Object.assign(draft, { title: '', description: '', priority: 'medium', category: '' }); }

/** Milliseconds of quiet typing before suggestions are asked for. */
const SUGGESTION_DELAY = 350;

export async function renderNewTicket(view) {
  document.title = 'Report a problem · IT tickets';
  const title = h('input', { type: 'text', required: true, maxlength: 200, value: draft.title, autocomplete: 'off' });
  const description = h('textarea', { rows: 6, required: true, maxlength: 20000, value: draft.description });
  const priority = select(PRIORITIES.map((value) => [value, label(value)]), draft.priority);
  let names = [];
  try { names = await loadCategories(); } catch { /* the select then offers only "not sure" */ }
  const category = select(categoryOptions(names, 'Not sure'), draft.category);
  const suggestions = h('div', { class: 'suggestions', 'aria-live': 'polite' });
  const form = h('form', { class: 'card' },
    field('What is the problem?', title, 'title', 'A short summary, e.g. "Printer on floor 2 jams"'),
    field('Details', description, 'description', 'What happened, where, since when, and what you already tried'),
    field('How urgent is it?', priority, 'priority', 'Emergency: nobody can work. High: you cannot work. Medium: you can work around it.'),
    field('What kind of problem?', category, 'category', 'If you are not sure, leave it: the technician will sort it.'),
    suggestions,
    h('button', { type: 'submit', class: 'primary' }, 'File the ticket'));

  let timer = null;
  let pending = null;
  async function suggest() {
    pending?.abort();
    const text = { title: title.value.trim(), description: description.value.trim() };
    if (text.title.length < 3 && text.description.length < 3) { suggestions.replaceChildren(); return; }
    pending = new AbortController();
    try {
      const { data } = await get(withQuery('/tickets/similar', { ...text, limit: 5 }), { signal: pending.signal });
      suggestions.replaceChildren(data.length === 0 ? '' : h('div', { class: 'similar-box' },
        h('h2', null, 'Already reported?'),
        h('p', null, 'These open tickets look like yours. If one is the same problem, open it and add a comment instead of filing a new one.'),
        similarList(data)));
    } catch (error) {
      if (error.name !== 'AbortError') suggestions.replaceChildren(h('p', { class: 'hint' }, 'Suggestions are not available right now.'));
    }
  }
  function typed() {
    draft.title = title.value;
    draft.description = description.value;
    clearTimeout(timer);
    timer = setTimeout(suggest, SUGGESTION_DELAY);
  }
  title.addEventListener('input', typed);
  description.addEventListener('input', typed);
  priority.addEventListener('change', () => { draft.priority = priority.value; });
  category.addEventListener('change', () => { draft.category = category.value; });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    pending?.abort();
    submitting(form, async () => {
      const { data } = await post('/tickets', {
        title: title.value, description: description.value, priority: priority.value, category: category.value || null,
      });
      forgetDraft();
      setJustFiled(data.id, data.possible_duplicates ?? []);
      navigate(`#/tickets/${data.id}`);
    });
  });
  view.append(h('h1', null, 'Report a problem'), form);
  if (draft.title || draft.description) suggest();
  title.focus();
}
