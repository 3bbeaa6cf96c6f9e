// One path of each kind of thing the site serves, read from the built dist/, for the tests that
// check what every kind gets (the security headers on Node and on workerd).
import { readdirSync } from 'node:fs';

export function pageTypes(): Record<string, string> {
  const asset = readdirSync('dist/_astro').find((f) => f.endsWith('.js'));
  if (!asset) throw new Error('No script in dist/_astro: build the site first (`npm run build`).');
  return {
    home: '/en/',
    'course page': '/en/courses/foundations/',
    lesson: '/en/courses/foundations/eu-ai-act/',
    assessment: '/en/courses/foundations/assessment/',
    'right-to-left page': '/ar/',
    'sign-in': '/en/sign-in/',
    'manager page': '/en/manage/program/',
    'hashed asset': `/_astro/${asset}`,
    'service worker': '/sw.js',
    'not found': '/en/no-such-page/',
  };
}
