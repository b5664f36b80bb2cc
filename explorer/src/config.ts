/** What the page tells the explorer (server/web/pages.ts writes it as a JSON block). */
export interface ExplorerConfig {
  readonly endpoint: string;
  readonly persisted: boolean;
  readonly operationsTrusted: boolean;
  readonly graphiql: boolean;
}

export function readConfig(): ExplorerConfig {
  const text = document.getElementById('explorer-config')?.textContent;
  if (!text) throw new Error('the explorer page lacks its #explorer-config block');
  return JSON.parse(text) as ExplorerConfig;
}
