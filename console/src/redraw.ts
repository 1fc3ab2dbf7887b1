// Drawing a page again in place (a poll of a claim or a job under way, after an action) without
// fighting the keyboard: nothing changes when nothing changed; otherwise what was typed is kept,
// focus goes back to the same control (found by its id, or by its place on the page), and what
// changed is announced in the page's one live region.

/** Where an element sits under `root`: the child index at each level. */
function placeOf(element: Element, root: Element): number[] | undefined {
  const place: number[] = [];
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) {
    if (!at.parentElement) return undefined;
    place.unshift([...at.parentElement.children].indexOf(at));
  }
  return place;
}

const elementAt = (root: Element, place: number[]): Element | undefined =>
  place.reduce<Element | undefined>((at, index) => at?.children[index], root);

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/**
 * Replaces the page under `root` with `next`, as a redraw of the same page. `announce` reads the
 * part worth telling (a status, a progress line) from the new page.
 */
export function redraw(
  root: HTMLElement,
  next: Node[],
  live: HTMLElement,
  announce: (page: HTMLElement) => string,
): void {
  const probe = document.createElement('div');
  probe.append(...next);
  if (probe.textContent === root.textContent && probe.innerHTML.length === root.innerHTML.length) return;
  const active = document.activeElement;
  const place = active && root.contains(active) ? placeOf(active, root) : undefined;
  // What the reader typed or chose is theirs: carried over by the control's id.
  const typed = new Map<string, string>();
  for (const field of root.querySelectorAll<Field>('input[id], textarea[id], select[id]')) {
    if (field.type !== 'file') typed.set(field.id, field.value);
  }
  // And the choices made, by name and value: radio buttons and checkboxes have no id of their own.
  const choices = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')].map(
    (input) => ({ name: input.name, value: input.value, checked: input.checked }),
  );
  const before = announce(root);
  root.replaceChildren(...probe.childNodes);
  for (const { name, value, checked } of choices) {
    const input = root.querySelector<HTMLInputElement>(
      `input[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`,
    );
    if (input) input.checked = checked;
  }
  for (const [id, value] of typed) {
    const field = document.getElementById(id) as Field | null;
    if (field && field.type !== 'file' && 'value' in field) field.value = value;
  }
  const again = (active?.id && document.getElementById(active.id)) || (place && elementAt(root, place));
  if (again instanceof HTMLElement) again.focus({ preventScroll: true });
  const after = announce(root);
  if (after && after !== before) live.textContent = after;
}
