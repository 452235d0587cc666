/**
 * Opens many links in one page session, as history navigations, and says
 * where the page did not do what each link calls for: the banner with the
 * link's first problem (or no banner), A pinned exactly when the link pins
 * one (when `pinned` is given), and no HTML inserted from the link.
 */
import type { Page } from '@playwright/test';

export interface LinkExpectation {
  /** The first problem's message, which names its parameter or field; null for a clean link. */
  message: string | null;
  /** Whether the link pins a scenario A (compare=); unchecked when absent. */
  pinned?: boolean;
}

export function linkMismatches(
  page: Page,
  links: string[],
  expected: LinkExpectation[],
): Promise<{ wrong: string[]; xss: number | null }> {
  return page.evaluate(
    async ({ links, expected }) => {
      // One macrotask: React flushes a store update's render in a microtask, so the DOM holds it by then.
      const frame = () =>
        new Promise((r) => {
          const c = new MessageChannel();
          c.port1.onmessage = () => r(null);
          c.port2.postMessage(0);
        });
      const wrong: string[] = [];
      for (let i = 0; i < links.length; i++) {
        history.pushState(null, '', `/${links[i]}`);
        dispatchEvent(new PopStateEvent('popstate'));
        await frame();
        const banner = document.querySelector('[data-testid="banner"]');
        const want = expected[i];
        if (
          want.message === null
            ? banner !== null
            : !banner || !Array.from(banner.querySelectorAll('li')).some((li) => li.textContent === want.message)
        ) {
          wrong.push(
            `${i}: ${links[i].slice(0, 120)} → ${banner?.textContent?.slice(0, 120) ?? 'no banner'} (wanted ${want.message?.slice(0, 80) ?? 'none'})`,
          );
        }
        if (want.pinned !== undefined && (window.explorer!.compare().a !== null) !== want.pinned)
          wrong.push(`${i}: pinned ${!want.pinned}, wanted ${want.pinned}`);
        if (document.querySelector('#injected, img[src="x"], script:not([src])'))
          wrong.push(`${i}: HTML inserted by ${links[i].slice(0, 120)}`);
      }
      return { wrong, xss: (window as unknown as { __xss?: number }).__xss ?? null };
    },
    { links, expected },
  );
}
