import type { TabletopExercise } from '#core/curriculum/schema.ts';

/**
 * A tabletop exercise is playable only if every choice leads somewhere real, every node can be
 * reached from the start, and every path ends. Returns the problems found (empty when playable).
 */
export function tabletopProblems(exercise: TabletopExercise): string[] {
  const problems: string[] = [];
  const nodes = new Map(exercise.nodes.map((n) => [n.id, n]));
  if (nodes.size !== exercise.nodes.length) problems.push('node ids must be unique');
  if (!nodes.has(exercise.start)) problems.push(`start names unknown node "${exercise.start}"`);

  for (const node of exercise.nodes) {
    if (node.ending) {
      if (node.choices.length) problems.push(`ending "${node.id}" must not offer choices`);
      if (!node.debrief) problems.push(`ending "${node.id}" needs a debrief`);
    } else {
      if (!node.choices.length) problems.push(`node "${node.id}" is a dead end: add choices or mark it as an ending`);
      if (!node.inject) problems.push(`node "${node.id}" needs an inject`);
    }
    for (const choice of node.choices) {
      if (!nodes.has(choice.next)) problems.push(`node "${node.id}": choice leads to unknown node "${choice.next}"`);
    }
  }
  if (!exercise.nodes.some((n) => n.ending)) problems.push('the exercise has no ending');

  const reachable = new Set<string>();
  const queue = nodes.has(exercise.start) ? [exercise.start] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const c of nodes.get(id)?.choices ?? []) if (nodes.has(c.next)) queue.push(c.next);
  }
  for (const id of nodes.keys()) if (!reachable.has(id)) problems.push(`node "${id}" cannot be reached from the start`);

  // Every node must be able to reach an ending (no loops with no way out).
  const canEnd = new Set(exercise.nodes.filter((n) => n.ending).map((n) => n.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of exercise.nodes) {
      if (!canEnd.has(n.id) && n.choices.some((c) => canEnd.has(c.next))) {
        canEnd.add(n.id);
        grew = true;
      }
    }
  }
  for (const id of reachable) if (!canEnd.has(id)) problems.push(`from node "${id}" no path reaches an ending`);
  return problems;
}
