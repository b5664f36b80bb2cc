import { accessSync, constants } from 'node:fs';

/** Where Debian, Ubuntu and Fedora put Chromium or Chrome; CHROMIUM_PATH wins. Nothing is ever downloaded. */
const USUAL_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env['CHROMIUM_PATH'] ? [env['CHROMIUM_PATH']] : USUAL_PATHS;
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const INSTALL_HINT = 'apt-get install chromium (or set CHROMIUM_PATH to a Chromium or Chrome executable)';
