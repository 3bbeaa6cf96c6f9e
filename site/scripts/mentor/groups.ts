// /{locale}/mentor/: my groups (cohort, course, mentees), each mentee's progress and what needs attention.
import { api } from '../api.ts';
import { type Flag, flagList } from './flags.ts';
import { summaryText } from './summary.ts';
import { $, area, attempt, courseName, el, failLoad, failureOf, locale, showGate, t } from './ui.ts';

export async function showGroups() {
  area();
  const response = await attempt(api.mentor.groups.$get());
  if (!response?.ok) return failLoad(await failureOf(response));
  const { groups } = await response.json();
  $('[data-empty]').hidden = groups.length > 0;
  $('[data-groups]').replaceChildren(
    ...groups.map((g) => {
      const courseId = g.cohort.courseId;
      const href = `/${locale()}/mentor/group/?id=${encodeURIComponent(g.id)}`;
      const headingId = `group-${g.id}`;
      return el(
        'section',
        { class: 'card', 'aria-labelledby': headingId, 'data-group': g.id },
        el('h2', { id: headingId }, el('a', { href }, g.cohort.name)),
        el('p', { class: 'meta' }, `${t('mentor.groups.course')} `, courseName(courseId), ` · ${t('mentor.groups.mentees', { count: g.mentees.length })}`),
        g.mentees.length === 0
          ? el('p', {}, t('mentor.groups.noMentees'))
          : el(
              'ul',
              { class: 'plain' },
              ...g.mentees.map((m) => {
                const flags = m.flags as unknown as Flag[];
                return el(
                  'li',
                  { class: 'card', 'data-mentee': m.id },
                  el('p', {}, el('strong', {}, m.name)),
                  el('p', { class: 'meta' }, summaryText(m.summary)),
                  flags.length
                    ? el('p', { class: 'meta' }, t('mentor.flag.count', { count: flags.length }))
                    : el('p', { class: 'meta ok-line' }, t('mentor.groups.allWell')),
                  flagList(flags, courseId),
                );
              }),
            ),
        el('p', {}, el('a', { href, class: 'button secondary small', 'aria-describedby': headingId }, t('mentor.groups.open'))),
      );
    }),
  );
  showGate('ready');
}
