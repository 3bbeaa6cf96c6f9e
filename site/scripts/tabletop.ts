/** One step at a time: show the consequence of each choice, keep the path, debrief at the end. */
export function playTabletop() {
  const root = document.querySelector<HTMLElement>('[data-tabletop]');
  if (!root) return;
  const t = root.dataset;
  const nodes = new Map([...root.querySelectorAll<HTMLElement>('[data-node]')].map((n) => [n.dataset.node!, n]));
  const labels: Record<string, string | undefined> = { good: t.tGood, mixed: t.tMixed, poor: t.tPoor };
  let path: Array<{ text: string; quality: string }> = [];

  function show(id: string, result?: { quality: string; consequence: string }, moveFocus = true) {
    for (const n of nodes.values()) n.classList.remove('current');
    const node = nodes.get(id)!;
    node.classList.add('current');
    const box = node.querySelector<HTMLElement>('[data-result]')!;
    box.hidden = !result;
    if (result) {
      box.replaceChildren();
      const heading = document.createElement('p');
      heading.className = `kicker ${result.quality}`;
      heading.textContent = `${t.tResult} · ${labels[result.quality] ?? ''}`;
      const text = document.createElement('p');
      text.textContent = result.consequence;
      box.append(heading, text);
    }
    if (node.hasAttribute('data-ending')) {
      const list = node.querySelector<HTMLOListElement>('[data-path-list]')!;
      list.replaceChildren(
        ...path.map((step) => {
          const li = document.createElement('li');
          li.textContent = `${step.text} — ${labels[step.quality] ?? ''}`;
          li.className = step.quality;
          return li;
        }),
      );
      node.querySelector<HTMLElement>('[data-path]')!.hidden = false;
      node.querySelector<HTMLElement>('[data-restart]')!.hidden = false;
    }
    if (moveFocus) node.querySelector<HTMLElement>('h2')!.focus();
  }

  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const link = target.closest<HTMLAnchorElement>('a[data-next]');
    if (link) {
      event.preventDefault();
      path.push({ text: link.textContent ?? '', quality: link.dataset.quality! });
      show(link.dataset.next!, { quality: link.dataset.quality!, consequence: link.dataset.consequence! });
      return;
    }
    if (target.closest('[data-restart]')) {
      path = [];
      show(root.dataset.start!);
    }
  });
  root.classList.add('tt-enhanced');
  show(root.dataset.start!, undefined, false);
}
