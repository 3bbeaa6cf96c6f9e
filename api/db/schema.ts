// Every table, gathered from the capability that owns it (drizzle-kit and the drizzle client read
// this file). A capability's SQL lives in its own folder; this is only the index.
export * from '../auth/tables.ts';
export * from '../progress/tables.ts';
export * from '../assessments/tables.ts';
export * from '../admin/tables.ts';
export * from '../profiles/tables.ts';
export * from '../programs/tables.ts';
export * from '../mentoring/tables.ts';
export * from '../notifications/tables.ts';
export * from '../matching/tables.ts';
export * from '../certification/tables.ts';
