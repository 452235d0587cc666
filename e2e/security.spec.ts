/**
 * The built page is locked down by a Content-Security-Policy: no remote or
 * inline script, no connection to another origin. The page itself runs
 * under it without a single violation (worker included).
 */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

test('the built page carries a CSP that forbids remote and inline script and outside connections', async ({ page }) => {
  const x = new ExplorerPage(page);
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Chromium reports the refused script as a request that failed with "csp"; none may complete.
  const completed: string[] = [];
  const refused: string[] = [];
  page.on('requestfinished', (r) => {
    if (!/^http:\/\/127\.0\.0\.1[:/]/.test(r.url())) completed.push(r.url());
  });
  page.on('requestfailed', (r) => refused.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  await x.open();
  await x.stepSlider('parallel.tp', 'ArrowRight');

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toBeTruthy();
  const directives = new Map(
    policy!.split(';').map((d) => {
      const [k, ...v] = d.trim().split(/\s+/);
      return [k, v];
    }),
  );
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);

  // Using the page broke no rule of its own policy.
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);

  // An injected inline script does not run; a remote script and a connection to another origin are refused.
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __inlineRan?: boolean; __cspViolations: string[] };
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.appendChild(inline);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example.invalid/x.js';
    const remoteLoaded = new Promise<string>((resolve) => {
      remote.onload = () => resolve('loaded');
      remote.onerror = () => resolve('refused');
    });
    document.head.appendChild(remote);
    let fetched = 'sent';
    try {
      await fetch('https://api.example.invalid/');
    } catch {
      fetched = 'refused';
    }
    await new Promise((r) => setTimeout(r, 100));
    return { inlineRan: w.__inlineRan === true, remote: await remoteLoaded, fetched, violations: w.__cspViolations };
  });
  expect(outcome.inlineRan).toBe(false);
  expect(outcome.remote).toBe('refused');
  expect(outcome.fetched).toBe('refused');
  expect(outcome.violations.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
  expect(outcome.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  expect(errors).toEqual([]);
  expect(completed).toEqual([]);
  expect(refused).toEqual(x.external.map((u) => `${u} csp`));
  expect(x.external).toEqual(['https://cdn.example.invalid/x.js']);
});
