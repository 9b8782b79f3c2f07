// Builds DOM nodes. Text is always inserted as text (Text nodes and textContent), never
// parsed as HTML: nothing from the API can become markup or script.

/** Properties set on the element itself rather than as attributes. */
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'multiple']);

/**
 * Creates an element. `props`: `class`, `on<event>` listeners, `dataset`, form properties, or
 * attributes; `children`: nodes, strings (inserted as text), arrays, or null/false (skipped).
 */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** Creates an SVG element, as `h` does. */
export function svg(tag, props, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), props, children);
}

function build(element, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) {
      // Listeners only: an event-handler attribute would be code from a string.
      if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    } else if (key === 'class') element.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children to `parent`: strings and numbers as text. */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** A link to a ticket's page; `id` must be a positive integer (else no link, plain text). */
export function ticketLink(id, ...children) {
  if (!Number.isSafeInteger(id) || id <= 0) return h('span', null, ...children);
  return h('a', { href: `#/tickets/${id}` }, children.length ? children : `#${id}`);
}

/** A select with `options` given as [value, label] pairs. */
export function select(options, selected) {
  return h('select', null, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}
