import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../tests/browser/chromium.ts';

/**
 * `npm run explorer:picture -- [origin]`: redraws docs/explorer.png, the README's picture of the explorer, from
 * a running server (`npm start`; default http://localhost:4000) at 1280×800.
 */
const origin = process.argv[2] ?? 'http://localhost:4000';
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'explorer.png');

const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM_PATH');
const browser = await chromium.launch({ executablePath });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${origin}/explorer/entity/china-kyrgyzstan-border`);
await page.locator('#graph[data-node-count]').waitFor();
await page.locator('#timeline .timeline-mark').first().waitFor();
await page.screenshot({ path: OUT });
await browser.close();
console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
