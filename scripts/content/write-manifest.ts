// Generates generated/manifest.json (lesson ids, quiz keys, assessment banks) from content/.
// The API bundles it; it never goes into dist/. Fails on any content problem.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadCurriculum } from './load.ts';
import { buildManifest } from './build-manifest.ts';

const curriculum = loadCurriculum('content');
if (curriculum.problems.length) {
  console.error(`content/ has ${curriculum.problems.length} problem(s):\n  ${curriculum.problems.join('\n  ')}`);
  process.exit(1);
}
const manifest = buildManifest(curriculum);
mkdirSync('generated', { recursive: true });
writeFileSync('generated/manifest.json', JSON.stringify(manifest));
const lessons = manifest.courses.reduce((n, c) => n + c.lessons.length, 0);
console.log(`manifest ${manifest.version}: ${manifest.courses.length} courses, ${lessons} lessons -> generated/manifest.json`);
