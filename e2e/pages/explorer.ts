/** Page object for the explorer: the controls, the views and the scripting hook. */
import { expect, type Page } from '@playwright/test';
import type { Evaluation, Scenario } from '../../src/core';

export class ExplorerPage {
  readonly external: string[] = [];

  constructor(readonly page: Page) {
    // Nothing may leave the machine: record every request to another host.
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
        this.external.push(r.url());
    });
  }

  async open(query = '') {
    await this.page.goto(`/${query}`);
    await this.ready();
  }

  async ready() {
    await this.page.waitForFunction(() => !!window.explorer);
    await this.page.evaluate(() => window.explorer!.ready());
  }

  scenario(): Promise<Scenario> {
    return this.page.evaluate(() => window.explorer!.scenario());
  }

  evaluation(): Promise<Evaluation> {
    return this.page.evaluate(() => window.explorer!.evaluation()!);
  }

  badge(target: string) {
    return this.page.getByTestId(`badge-${target}`);
  }

  violation(code: string) {
    return this.page.getByTestId(`violation-${code}`);
  }

  slider(path: string) {
    return this.page.getByTestId(`slider-${path}`);
  }

  heatmap() {
    return this.page.getByTestId('heatmap');
  }

  gantt() {
    return this.page.getByTestId('gantt');
  }

  /** Moves a degree slider with the keyboard (every value is reachable this way). */
  async stepSlider(path: string, key: 'ArrowRight' | 'ArrowLeft', times = 1) {
    await this.slider(path).focus();
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
    await this.ready();
  }

  async choosePreset(id: string) {
    await this.page.getByTestId('preset-scenario').selectOption(id);
    await this.ready();
  }

  async expectNoExternalRequests() {
    expect(this.external).toEqual([]);
  }
}
