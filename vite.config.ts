/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Content-Security-Policy of the built page: scripts, workers, styles and
 * connections from the page's own origin only; no inline or evaluated script,
 * no plugins, no framing, no form posts. Styles allow inline attributes
 * (charts set them). Images may be data:/blob: URLs (chart exports).
 * Build only: the dev server's React refresh needs an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// base './' so the built site works from any sub-path of any static host.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    // The bench gate's test times the code against a reference: it runs alone (BENCH_GATE_TEST=1, npm run
    // test:gate; scripts/test-all.mjs runs it after the unit suite), never beside other test files.
    include: process.env.BENCH_GATE_TEST
      ? ['bench/**/*.test.ts']
      : ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
