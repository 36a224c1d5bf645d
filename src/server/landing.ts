// What a person meets who opens the server in a browser: `GET /` is a small page saying what
// Cohort is and where to go (GraphiQL, the console when it is served, the docs, the probes),
// and in production what is off and why; `GET /graphql` in a browser with GraphiQL off says so
// instead of an empty 406; `/docs/` serves the documentation that ships with this version, as
// text. Pages carry a Content-Security-Policy that allows no script at all.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

const DOCS_DIR = fileURLToPath(new URL('../../docs/', import.meta.url));

export interface LandingOptions {
  graphiql: boolean;
  introspection: 'on' | 'admin' | 'off';
  /** Where the console is served, when it is. */
  consolePath: string | null;
  production: boolean;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1d2330}h1{margin-bottom:.2rem}p.lead{margin-top:0;color:#4a5263}a{color:#1a56c4}li{margin:.3rem 0}code{background:#f1f3f7;padding:.1rem .3rem;border-radius:3px}.off{border-left:4px solid #c77700;padding:.2rem .8rem;background:#fff8ec}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function landing(options: LandingOptions): string {
  const off: string[] = [];
  if (!options.graphiql) off.push('GraphiQL, the query editor at <code>/graphql</code>, is off (<code>COHORT_GRAPHIQL=on</code> turns it on).');
  if (options.introspection !== 'on')
    off.push(
      options.introspection === 'admin'
        ? 'Only admin keys may read the schema (introspection, field suggestions): <code>COHORT_INTROSPECTION</code>.'
        : 'Nobody may read the schema (introspection, field suggestions): <code>COHORT_INTROSPECTION</code>.',
    );
  const links = [
    options.consolePath
      ? `<li><a href="${options.consolePath}">The console</a>: segments, promotions, customers and reports, for the people who run the shop's marketing.</li>`
      : '',
    options.graphiql ? `<li><a href="/graphql">GraphiQL</a>: try the API in the browser (paste an API key in its Headers tab).</li>` : '',
    `<li><a href="/docs/">The documentation</a> of this version.</li>`,
    `<li>The API: <code>POST /graphql</code> with <code>Authorization: Bearer &lt;key&gt;</code>. <code>npm run keys -- create --name me --scope admin</code> makes a key.</li>`,
    `<li>Probes: <a href="/health">/health</a> (the process answers), <a href="/ready">/ready</a> (the database answers and is migrated), <a href="/metrics">/metrics</a> (Prometheus).</li>`,
  ].join('');
  const intro = options.production ? 'This server runs in production mode, so that it says little to strangers:' : 'Off on this server:';
  const production = off.length > 0 ? `<div class="off"><p>${intro}</p><ul>${off.map((line) => `<li>${line}</li>`).join('')}</ul></div>` : '';
  return page(
    'Cohort',
    `<h1>Cohort</h1><p class="lead">Customer segmentation and segment-targeted promotions, as a GraphQL API.</p>${production}<ul>${links}</ul>`,
  );
}

const graphiqlOff = page(
  'GraphiQL is off — Cohort',
  `<h1>GraphiQL is off here</h1><p>This server does not serve GraphiQL (<code>COHORT_GRAPHIQL=off</code>, the default in production). The API answers <code>POST /graphql</code> with an API key: <code>Authorization: Bearer &lt;key&gt;</code>.</p><p><a href="/">Back</a> · <a href="/docs/">Documentation</a></p>`,
);

/** The documents that ship in docs/, by file name (read once: they belong to this version). */
function readDocs(): Map<string, string> {
  const documents = new Map<string, string>();
  for (const name of readdirSync(DOCS_DIR)) if (/^[a-z0-9-]+\.md$/.test(name)) documents.set(name, readFileSync(`${DOCS_DIR}${name}`, 'utf8'));
  return documents;
}

export function landingPlugin(options: LandingOptions): Plugin {
  const home = landing(options);
  let docs: Map<string, string> | null = null;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      // Bytes, not a string: the pages are UTF-8 (dashes, accents), and a string body's length is not its length on the wire.
      const bytes = (text: string) => (request.method === 'HEAD' ? null : new TextEncoder().encode(text));
      // A copy of the headers each time: the server adapter writes content-length into the object it is given.
      const html = (body: string, status = 200) => endResponse(new fetchAPI.Response(bytes(body), { status, headers: { ...PAGE_HEADERS } }));
      if (url.pathname === '/') return html(home);
      if (url.pathname === '/graphql' && !options.graphiql && !url.searchParams.has('query') && (request.headers.get('accept') ?? '').includes('text/html'))
        return html(graphiqlOff);
      if (url.pathname === '/docs' || url.pathname.startsWith('/docs/')) {
        docs ??= readDocs();
        const name = url.pathname.replace(/^\/docs\/?/, '');
        if (name === '') {
          const list = [...docs.keys()]
            .sort()
            .map((file) => `<li><a href="/docs/${file}">${escape(file.replace(/\.md$/, ''))}</a></li>`)
            .join('');
          return html(page('Documentation — Cohort', `<h1>Documentation</h1><ul>${list}</ul><p><a href="/">Back</a></p>`));
        }
        const document = docs.get(name);
        if (!document) return html(page('Not found — Cohort', `<h1>No such document</h1><p><a href="/docs/">The documentation</a></p>`), 404);
        return endResponse(
          new fetchAPI.Response(bytes(document), {
            headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' },
          }),
        );
      }
    },
  };
}
