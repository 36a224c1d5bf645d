// One change bus (src/shared/change-bus.ts): what it promises its writers and listeners, and
// that no module keeps a listener set of its own beside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ChangeBus } from '../../src/shared/change-bus.js';
import { logger } from '../../src/shared/logger.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('the change bus', () => {
  it('tells every listener of a topic, and only of that topic, until it stops listening', async () => {
    const bus = new ChangeBus();
    const heard: string[] = [];
    const stop = bus.on('customers', (ids, { remote }) => void heard.push(`customers ${ids.join(',')} ${remote ? 'remote' : 'here'}`));
    bus.on('settings', () => void heard.push('settings'));
    await bus.announce('customers', ['a', 'b']);
    await bus.announce('customers', ['c'], { remote: true });
    stop();
    await bus.announce('customers', ['d']);
    expect(heard).toEqual(['customers a,b here', 'customers c remote']);
  });

  it('calls listeners as it is told, and resolves once the asynchronous ones have settled', async () => {
    const bus = new ChangeBus();
    const order: string[] = [];
    let finish: () => void = () => undefined;
    bus.on('customers', () => new Promise<void>((resolve) => (finish = resolve)).then(() => void order.push('tracked')));
    bus.on('livePromotions', () => void order.push('forgotten'));
    const announced = bus.announce('customers', ['a']).then(() => void order.push('announced'));
    // A synchronous listener has run before announce returns: a cache is dropped at once.
    void bus.announce('livePromotions', null);
    expect(order).toEqual(['forgotten']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['forgotten']);
    finish();
    await announced;
    expect(order).toEqual(['forgotten', 'tracked', 'announced']);
  });

  it('never throws for a listener that fails: the change happened; the failure is logged and the others still hear it', async () => {
    const bus = new ChangeBus();
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    bus.on('apiKeys', () => {
      throw new Error('cache gone');
    });
    bus.on('apiKeys', () => Promise.reject(new Error('tracker gone')));
    bus.on('apiKeys', () => void heard.push('still heard'));
    try {
      await expect(bus.announce('apiKeys', null)).resolves.toBeUndefined();
      expect(heard).toEqual(['still heard']);
      expect(logged).toHaveBeenCalledTimes(2);
      expect(String(logged.mock.calls[0]?.[0])).toContain('"apiKeys"');
    } finally {
      logged.mockRestore();
    }
  });

  it('is the only listener set in src/: no module keeps its own list of callbacks', () => {
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) return name === 'generated' ? [] : files(path);
        return name.endsWith('.ts') ? [path] : [];
      });
    // A Set or an array of functions declared at a module's top level is a bus of its own.
    const ownBuses = files(SRC)
      .filter((path) => !path.endsWith('shared/change-bus.ts'))
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .filter(
            (line) =>
              /^(export )?(const|let) \w+\s*(:[^=]*)?=\s*new (Set|Map)<\s*\(/.test(line) ||
              /^(export )?(const|let) \w+\s*:\s*(Array<\s*\(|\(\(.*\) => .*\)\[\])/.test(line),
          )
          .map((line) => `${relative(SRC, path)}: ${line.trim()}`),
      );
    // The statement observer (db/sql.ts `onQuery`) is how tests count statements, not a change: it is the one exception.
    expect(ownBuses).toEqual(['db/sql.ts: const listeners = new Set<(text: string) => void>();']);
  });
});
