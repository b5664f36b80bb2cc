import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../explorer/build.ts';
import startNeo4j from '../support/global-setup.ts';
import { INSTALL_HINT, findChromium } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the browser tests drive, or null when there is none (they are then skipped). */
    chromium: string | null;
  }
}

/**
 * The browser tests need Chromium, the pages' built scripts and a Neo4j with the seed. Without Chromium they
 * are skipped with one line saying how to install it, except under CI, where that fails the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const chromium = findChromium();
  project.provide('chromium', chromium ?? null);
  if (!chromium) {
    if (process.env['CI'] === 'true') throw new Error(`CI=true but no Chromium was found for the browser tests: ${INSTALL_HINT}`);
    console.log(`browser tests skipped: no Chromium found; ${INSTALL_HINT}`);
    return undefined;
  }
  await ensureWebBuild();
  return startNeo4j(project);
}
