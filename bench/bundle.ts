/** Gzip size of the JavaScript the page loads up front (entry and its static imports), and of the worker. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  initialGzipBytes: number;
  initialFiles: string[];
  workerGzipBytes: number;
}

export function measureBundle(dist = 'dist'): BundleSize {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\.?\/?([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  const files = [...new Set(refs)];
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  const initialGzipBytes = files.reduce((a, f) => a + gz(f), 0);
  // The worker chunk is referenced from the entry as new URL("…worker…js").
  const entry = files.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const worker = [...entry.matchAll(/["'`]([^"'`]*evaluator[^"'`]*\.js)["'`]/g)].map((m) =>
    m[1].replace(/^\.?\/?/, ''),
  );
  const workerFile = worker.map((w) => (w.startsWith('assets/') ? w : `assets/${w.split('/').pop()}`))[0];
  return { initialGzipBytes, initialFiles: files, workerGzipBytes: workerFile ? gz(workerFile) : 0 };
}
