import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { messageOf } from '../model/errors.ts';
import type { Config } from './config.ts';
import type { App } from './yoga.ts';
import { StartupError } from './errors.ts';

/** A certificate chain and its private key, PEM. */
export interface TlsFiles {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** TLS_CERT and TLS_KEY, read; undefined for plain HTTP. Call it once at start-up. */
export function tlsFiles(config: Pick<Config, 'TLS_CERT' | 'TLS_KEY'>): TlsFiles | undefined {
  if (config.TLS_CERT === undefined || config.TLS_KEY === undefined) return undefined;
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new StartupError(`${name}: cannot read ${path}: ${messageOf(error)}`);
    }
  };
  return { cert: read('TLS_CERT', config.TLS_CERT), key: read('TLS_KEY', config.TLS_KEY) };
}

/**
 * Serves the app on HOST:PORT, over HTTPS when given `tls`; a taken port is a StartupError that says how
 * to pick another, and so is a certificate that does not fit its key.
 */
export async function listen(app: App, host: string, port: number, tls?: TlsFiles): Promise<Server> {
  // Yoga's instance is a Node request listener as well as a fetch handler.
  const server = tls ? secureServer(app, tls) : createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`port ${port} on ${host} is already in use; stop what uses it or choose another, e.g. PORT=${port + 1} npm start`)
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  return server;
}

function secureServer(app: App, tls: TlsFiles): Server {
  try {
    return createTlsServer({ cert: tls.cert, key: tls.key }, app);
  } catch (error) {
    throw new StartupError(`TLS_CERT and TLS_KEY: ${messageOf(error)} (is the key the certificate's, both PEM?)`);
  }
}
