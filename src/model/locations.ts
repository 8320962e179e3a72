import { compareText } from './diagnostics.js';
import type { Location } from './result.js';

/** Orders locations by file, then line. */
export function compareLocations(a: Location, b: Location): number {
  return compareText(a.file, b.file) || a.line - b.line;
}

/** The locations sorted by file and line, each file:line once. */
export function toSortedLocations(locations: Iterable<Location>): Location[] {
  const unique = new Map<string, Location>();
  for (const location of locations) unique.set(`${location.file}:${location.line}`, location);
  return [...unique.values()].sort(compareLocations);
}
