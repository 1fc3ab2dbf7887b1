// Elements built from data without innerHTML: text is always text, never markup.

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * A table with a header row; each row is a list of cells. It scrolls sideways in its own box (a
 * phone is narrower than a grid), a box the keyboard can reach and that is named by the caption.
 */
export function table(caption: string, headers: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    tableOf(caption, headers, rows),
  );
}

function tableOf(caption: string, headers: string[], rows: Child[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );
}

/** A term, what it says, and the test id its description carries (if any). */
export type Fact = [term: string, description: Child, testId?: string];

/** A description list; a row that is not there (false, '', undefined) is left out, term and all. */
export function facts(...rows: (Fact | false | '' | null | undefined)[]): HTMLDListElement {
  return h(
    'dl',
    {},
    ...rows.flatMap((row) =>
      row ? [h('dt', {}, row[0]), h('dd', row[2] ? { 'data-testid': row[2] } : {}, row[1])] : [],
    ),
  );
}
