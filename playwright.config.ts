import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';

// Never download browsers: use the system Chromium (override with CHROMIUM_PATH).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The preview server's port: E2E_PORT when given, else a port free now (the
 * system picks it: listen on port 0). Written back to the environment, so the
 * test workers, which load this file again, agree with the runner.
 */
function freePort(): number {
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
    ],
    { encoding: 'utf8' },
  );
  return Number(out);
}
if (!process.env.E2E_PORT) process.env.E2E_PORT = String(freePort());
const port = Number(process.env.E2E_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535)
  throw new Error(`E2E_PORT must be a TCP port number from 1 to 65535; got '${process.env.E2E_PORT}'`);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // 3x the former 30 s, for a machine 3x slower than the quiet development
  // machine; work that hangs still fails. Tests that need more set their own.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npm run -s build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    // Always this suite's own server: one already listening is another process's (another project, an old build).
    reuseExistingServer: false,
    timeout: 180_000,
  },
});
