// Run as a child process by imports.test.ts: imports every module under src/ and plugins/ (the
// entry points aside: main.ts and the keys CLI are roots, meant to open things), waits for
// anything they scheduled to start, and prints what the process holds open.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const roots = ['src', 'plugins'];
const skip = [/^src\/main\.ts$/, /^src\/access\/cli\.ts$/, /\.test\.ts$/, /\.d\.ts$/];
const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') walk(p);
    } else if (/\.(ts|tsx)$/.test(name) && !skip.some((r) => r.test(p))) files.push(p);
  }
};
roots.forEach(walk);
// The process's own stdio streams are made when first touched (libraries such as `debug` look at
// stderr): made here first, so that what follows counts only what the imports open.
void [process.stdin, process.stdout, process.stderr];
const before = process.getActiveResourcesInfo();
for (const f of files) await import(pathToFileURL(join(process.cwd(), f)).href);
await new Promise((resolve) => setTimeout(resolve, 300));
console.log(JSON.stringify({ files: files.length, before, after: process.getActiveResourcesInfo() }));
