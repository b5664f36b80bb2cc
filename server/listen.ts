import { createServer, type Server } from 'node:http';
import type { App } from './yoga.ts';
import { StartupError } from './errors.ts';

/** Serves the app on HOST:PORT; a taken port is a StartupError that says how to pick another. */
export async function listen(app: App, host: string, port: number): Promise<Server> {
  // Yoga's instance is a Node request listener as well as a fetch handler.
  const server = createServer(app);
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
