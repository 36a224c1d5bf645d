// The line between the core and the plugins (docs/architecture.md): the core never imports a
// plugin's internals, so a plugin's SQL cannot silently change the core's analytics and a
// built-in plugin can be left out; what both need is in the SDK. Only the composition roots
// load the built-in plugins, through their list (plugins/index.ts). Plugins, built-in or not,
// import only the SDK, node: builtins and their own files. Tests (test/) may import a plugin
// to test it: they are not scanned here. Inside src/, the checkout (the storefront's questions)
// and the promotions (what admins do with them) do not import each other, only the roots import
// the checkout, and the rules both use sit below them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The composition roots that load the built-in plugins: each may import their list, plugins/index.ts, and nothing else of plugins/. */
const ROOTS_LOADING_PLUGINS = new Set([
  'src/main.ts',
  'scripts/seed.ts',
  'scripts/print-schema.ts',
  'bench/catalogue.ts',
  'bench/ingest.ts',
  'bench/lifecycle.ts',
  'bench/membership.ts',
  'bench/recorded-membership.ts',
  'bench/segment-query.ts',
  'bench/segments.ts',
  'bench/webhook-circuit.ts',
]);

/** What a plugin's files may import by name; its tests also use the test kit and the test tools. */
const PLUGIN_PACKAGES = new Set(['@cohort/plugin-sdk']);
const PLUGIN_TEST_PACKAGES = new Set(['@cohort/plugin-sdk', '@cohort/plugin-sdk/testing', 'vitest', 'fast-check']);

/** Every TypeScript file under `dir`, relative to the checkout, with `/` separators. */
function sources(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : walk(path);
      return /\.tsx?$/.test(name) ? [relative(ROOT, path).split(sep).join('/')] : [];
    });
  return walk(join(ROOT, dir));
}

/** The module specifiers a file imports or re-exports, statically or with import(), comments and strings aside. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

/** Where a relative specifier points, relative to the checkout ("plugins/rfm/index.ts"); null for a package. */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return relative(ROOT, join(ROOT, dirname(file), specifier))
    .split(sep)
    .join('/')
    .replace(/\.js$/, '.ts');
}

describe('the core and the plugins', () => {
  it('the core imports nothing from plugins/: only the composition roots load the built-in plugins, through their list', () => {
    const crossings = ['src', 'scripts', 'bench'].flatMap(sources).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => target(file, specifier)?.startsWith('plugins/'))
        .filter((specifier) => !(ROOTS_LOADING_PLUGINS.has(file) && target(file, specifier) === 'plugins/index.ts'))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(crossings).toEqual([]);
  });

  it('the roots listed above exist and load the built-in plugins (the list stays true)', () => {
    for (const file of ROOTS_LOADING_PLUGINS)
      expect(
        importsOf(file).map((specifier) => target(file, specifier)),
        file,
      ).toContain('plugins/index.ts');
  });

  it('a plugin imports only @cohort/plugin-sdk, node: builtins and files of its own folder', () => {
    const files = sources('plugins');
    expect(files.length).toBeGreaterThan(50);
    const strays = files.flatMap((file) => {
      const folder = file.split('/').slice(0, 2).join('/');
      const isList = file === 'plugins/index.ts';
      const packages = file.endsWith('.test.ts') ? PLUGIN_TEST_PACKAGES : PLUGIN_PACKAGES;
      return importsOf(file)
        .filter((specifier) => {
          if (specifier.startsWith('node:')) return false;
          const path = target(file, specifier);
          if (path === null) return !packages.has(specifier);
          // The list of built-in plugins imports each plugin's entry; a plugin, its own folder's files.
          return isList ? !/^plugins\/[^/]+\/index\.ts$/.test(path) : !path.startsWith(`${folder}/`);
        })
        .map((specifier) => `${file} imports ${specifier}`);
    });
    expect(strays).toEqual([]);
  });
});

/** The composition roots that may import the checkout: the schema's assembly and the request's context, the server, main.ts. */
const ROOTS_USING_CHECKOUT = (file: string) => file === 'src/main.ts' || file.startsWith('src/server/');

/** Every import between files of src/, as "from → to". */
function srcImports(): { file: string; to: string }[] {
  return sources('src').flatMap((file) =>
    importsOf(file)
      .map((specifier) => ({ file, to: target(file, specifier) }))
      .filter((edge): edge is { file: string; to: string } => edge.to !== null),
  );
}

/** A GraphQL part: a file that registers types with the builder (schema/builder.ts). */
const isSchemaPart = (file: string) => importsOf(file).some((specifier) => target(file, specifier) === 'src/schema/builder.ts');

describe('the checkout, the promotions and the rules', () => {
  const edges = srcImports();
  const crossing = (from: string, to: string) =>
    edges.filter((edge) => edge.file.startsWith(from) && edge.to.startsWith(to)).map((edge) => `${edge.file} imports ${edge.to}`);

  it('promotions/ imports nothing of checkout/', () => {
    expect(crossing('src/promotions/', 'src/checkout/')).toEqual([]);
  });

  it("checkout/ imports nothing of promotions/ but the types promotions' GraphQL parts register, which its own GraphQL parts show (a Promotion, its effects)", () => {
    const strays = edges
      .filter((edge) => edge.file.startsWith('src/checkout/') && edge.to.startsWith('src/promotions/'))
      .filter((edge) => !(isSchemaPart(edge.file) && isSchemaPart(edge.to)))
      .map((edge) => `${edge.file} imports ${edge.to}`);
    expect(strays).toEqual([]);
  });

  it('nothing below the composition roots imports checkout/', () => {
    const strays = edges
      .filter((edge) => edge.to.startsWith('src/checkout/') && !edge.file.startsWith('src/checkout/') && !ROOTS_USING_CHECKOUT(edge.file))
      .map((edge) => `${edge.file} imports ${edge.to}`);
    expect(strays).toEqual([]);
    expect(edges.some((edge) => edge.file === 'src/server/schema.ts' && edge.to.startsWith('src/checkout/'))).toBe(true);
  });

  it('rules/ imports neither segments/, checkout/ nor promotions/', () => {
    expect(['src/segments/', 'src/checkout/', 'src/promotions/'].flatMap((folder) => crossing('src/rules/', folder))).toEqual([]);
  });
});

describe('the schema by parts', () => {
  it('only the server and the roots import the composition root (server/schema.ts), and src/schema imports no schema part', () => {
    const strays = ['src', 'scripts', 'bench'].flatMap(sources).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          const path = target(file, specifier);
          if (path === 'src/server/schema.ts') return file.startsWith('src/') && !file.startsWith('src/server/');
          return file.startsWith('src/schema/') && path !== null && path.endsWith('.graphql.ts');
        })
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(strays).toEqual([]);
  });
});

describe('the server', () => {
  it('is imported from below only for the types of the request it makes (its context and loaders), never for a value', () => {
    // The roots, and the configuration they read (which names the server's option types).
    const roots = new Set(['src/main.ts', 'src/runtime.ts', 'src/config.ts']);
    const strays = sources('src')
      .filter((file) => !file.startsWith('src/server/') && !roots.has(file))
      .flatMap((file) => {
        const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
        return source.statements
          .filter(
            (statement): statement is ts.ImportDeclaration | ts.ExportDeclaration => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement),
          )
          .map((statement) => ({
            to: statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? target(file, statement.moduleSpecifier.text) : null,
            typeOnly: ts.isImportDeclaration(statement) ? (statement.importClause?.isTypeOnly ?? false) : statement.isTypeOnly,
          }))
          .filter(({ to }) => to?.startsWith('src/server/'))
          .filter(({ to, typeOnly }) => !typeOnly || !['src/server/request-context.ts', 'src/server/request-loaders.ts'].includes(to!))
          .map(({ to }) => `${file} imports ${to}`);
      });
    expect(strays).toEqual([]);
  });
});
