// The schema keeps its word (docs/versioning.md). `npm run schema:compat` compares the schema
// this code serves (schema.graphql) with the last released one (schema-history/<version>.graphql,
// the newest version there) using graphql-js' findBreakingChanges, and fails on a breaking
// change unless package.json's major version moved past the released one's and the CHANGELOG's
// section for the new version names each change. Dangerous changes (a new enum value, a new
// optional argument: fine for most clients) are printed, not refused.
// `npm run schema:compat -- --release` records schema.graphql as the release of package.json's version.
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';

const ROOT = new URL('../', import.meta.url).pathname;
const HISTORY = join(ROOT, 'schema-history');

type Version = [number, number, number];
const parseVersion = (text: string): Version | null => {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export interface Compatibility {
  released: string;
  version: string;
  breaking: string[];
  dangerous: string[];
  /** Why the breaking changes are not allowed, or null when they are (or there are none). */
  refusal: string | null;
}

/** The section of the CHANGELOG for `version` ("## [1.2.0]" or "## 1.2.0 …", up to the next "## "). */
export function changelogSection(changelog: string, version: string): string {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?(\\s|$)`).test(line));
  if (start === -1) return '';
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** What a breaking change is about: "Query.segments" of "Query.segments was removed.", "Segment" of "Segment was removed." */
const subjectOf = (description: string) => description.split(' ')[0]?.replace(/[.,]$/, '') ?? description;

export function checkCompatibility(released: { version: string; sdl: string }, current: { version: string; sdl: string }, changelog: string): Compatibility {
  const before = buildSchema(released.sdl);
  const after = buildSchema(current.sdl);
  const breaking = findBreakingChanges(before, after).map((change) => change.description);
  const dangerous = findDangerousChanges(before, after).map((change) => change.description);
  let refusal: string | null = null;
  if (breaking.length > 0) {
    const releasedVersion = parseVersion(released.version);
    const version = parseVersion(current.version);
    const section = changelogSection(changelog, current.version);
    const unnamed = breaking.filter((change) => !section.includes(subjectOf(change)));
    if (!releasedVersion || !version || version[0] <= releasedVersion[0]) {
      refusal = `these changes break clients of ${released.version}: they need a new major version (package.json says ${current.version}), or deprecate first (docs/versioning.md)`;
    } else if (!/breaking/i.test(section) || unnamed.length > 0) {
      refusal = `the CHANGELOG's section for ${current.version} must name each breaking change under a "Breaking" heading; not named: ${unnamed.join(' ') || '(no Breaking heading)'}`;
    }
  }
  return { released: released.version, version: current.version, breaking, dangerous, refusal };
}

/** The newest released schema in schema-history/. */
export async function lastRelease(): Promise<{ version: string; sdl: string }> {
  const versions = (await readdir(HISTORY))
    .map((name) => /^(\d+\.\d+\.\d+)\.graphql$/.exec(name)?.[1])
    .filter((version): version is string => Boolean(version))
    .sort((a, b) => compare(parseVersion(a) as Version, parseVersion(b) as Version));
  const version = versions.at(-1);
  if (!version) throw new Error(`No released schema in ${HISTORY}`);
  return { version, sdl: await readFile(join(HISTORY, `${version}.graphql`), 'utf8') };
}

async function main() {
  const version = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  if (process.argv.includes('--release')) {
    await copyFile(join(ROOT, 'schema.graphql'), join(HISTORY, `${version}.graphql`));
    console.log(`Recorded schema.graphql as the schema of ${version} (schema-history/${version}.graphql).`);
    return;
  }
  const result = checkCompatibility(
    await lastRelease(),
    { version, sdl: await readFile(join(ROOT, 'schema.graphql'), 'utf8') },
    await readFile(join(ROOT, 'CHANGELOG.md'), 'utf8'),
  );
  for (const change of result.dangerous) console.log(`Dangerous (allowed): ${change}`);
  if (result.breaking.length === 0) {
    console.log(`schema.graphql keeps every promise of ${result.released}.`);
    return;
  }
  for (const change of result.breaking) console.error(`Breaking: ${change}`);
  if (result.refusal) {
    console.error(`\nschema.graphql breaks ${result.released}: ${result.refusal}.`);
    process.exit(1);
  }
  console.log(`\nBreaking changes allowed: ${result.version} is a new major version and its CHANGELOG names them.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
