import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

/**
 * GraphiQL with its query builder (the explorer plugin) and its docs and history panes, from our own
 * server. The page hands over what it knows in a JSON block, since the Content-Security-Policy runs no
 * inline script: `server/web/pages.ts` writes it.
 */
interface GraphiQLOptions {
  readonly endpoint: string;
  readonly defaultQuery: string;
}

const optionsElement = document.getElementById('graphiql-options');
const root = document.getElementById('graphiql');
if (!optionsElement?.textContent || !root) throw new Error('the GraphiQL page lacks #graphiql-options or #graphiql');
const options = JSON.parse(optionsElement.textContent) as GraphiQLOptions;

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: createGraphiQLFetcher({ url: new URL(options.endpoint, location.href).href }),
    plugins: [explorerPlugin()],
    defaultQuery: options.defaultQuery,
  }),
);
