export * from './availability.ts';
export * from './ics.ts';
export * from './pattern.ts';
export * from './zoned.ts';
