/**
 * docs/demo.png, the README's picture: the demo page of `npm start` in Chromium after a few clicks, so the
 * picture shows what a new user sees (events captured by posthog-js through the local edge, as the mock
 * PostHog received them). Run `npm start` first, then: npx tsx scripts/demo-screenshot.ts [DEMO_URL]
 */
import { launchChromium } from '../test/e2e/chromium.ts';

const demoUrl = process.argv[2] ?? 'http://127.0.0.1:8081';
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(demoUrl);
  await page.waitForFunction(() => (window as unknown as { posthog?: { __loaded?: boolean } }).posthog?.__loaded === true);
  for (const button of await page.locator('button').all()) {
    if (/clear/i.test((await button.textContent()) ?? '')) continue;
    await button.click();
  }
  // posthog-js batches: wait until the page lists what the mock received.
  await page.waitForTimeout(6000);
  await page.screenshot({ path: 'docs/demo.png', fullPage: false });
  console.log(`docs/demo.png written from ${demoUrl}`);
} finally {
  await browser.close();
}
