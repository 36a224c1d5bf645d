// Serves the admin console (packages/console, built to its dist folder) at /console: its
// hashed assets cached for a year, every other path under /console answered with index.html
// (the console routes in the browser), each page with a strict Content-Security-Policy: no
// inline script, nothing from another origin, and styles from files or carrying the page's nonce
// (CodeMirror's, read from a meta tag).
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export const CONSOLE_PATH = '/console';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The policy of a console page; `nonce` lets the page's own scripts add style elements (CodeMirror's), nothing else. */
export function consolePolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const pageHeaders = (nonce: string) => ({
  'content-type': CONTENT_TYPES['.html'] as string,
  'cache-control': 'no-cache',
  'content-security-policy': consolePolicy(nonce),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
});

export function consolePlugin(distDir: string): Plugin {
  const root = normalize(distDir + sep);
  let indexHtml: Promise<string | null> | null = null;
  const index = () => (indexHtml ??= readFile(join(root, 'index.html'), 'utf8').catch(() => null));

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const { pathname } = url;
      if (pathname !== CONSOLE_PATH && !pathname.startsWith(`${CONSOLE_PATH}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response('Use GET', { status: 405, headers: { allow: 'GET, HEAD' } }));
      }
      const relative = decodeURIComponent(pathname.slice(CONSOLE_PATH.length + 1));
      const file = normalize(join(root, relative));
      // Files only from inside the folder (no "..", no NUL), and index.html only as a page.
      if (relative !== '' && file.startsWith(root) && !relative.includes('\0') && relative !== 'index.html') {
        const found = await stat(file).catch(() => null);
        if (found?.isFile()) {
          const body = request.method === 'HEAD' ? null : await readFile(file);
          // Vite names built assets by their content's hash: they never change, so browsers keep them.
          const hashed = relative.startsWith('assets/');
          return endResponse(
            new fetchAPI.Response(body, {
              headers: {
                'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
                'content-length': String(found.size),
                'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
                'x-content-type-options': 'nosniff',
              },
            }),
          );
        }
        // A missing asset is a 404, not the page (a browser would run HTML as a script otherwise).
        if (relative.startsWith('assets/') || extname(relative) !== '') return endResponse(new fetchAPI.Response('Not found', { status: 404 }));
      }
      const html = await index();
      if (html === null) {
        return endResponse(
          new fetchAPI.Response('The console is not built: run `npm run build:console` (npm ci does it).', {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8' },
          }),
        );
      }
      // Every page gets its own nonce, in its policy and in a meta tag the console reads.
      const nonce = randomBytes(16).toString('base64');
      const page = html.replace('<meta name="csp-nonce" content="" />', `<meta name="csp-nonce" content="${nonce}" />`);
      return endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : page, { headers: pageHeaders(nonce) }));
    },
  };
}
