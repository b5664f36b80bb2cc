/** Every view of the explorer has a URL, so it can be shared, bookmarked and reached with the back button. */
export type Route =
  | { readonly view: 'home' }
  | { readonly view: 'search'; readonly q: string }
  | { readonly view: 'entity'; readonly id: string; readonly hops: 1 | 2 }
  | { readonly view: 'source'; readonly id: string; readonly quote: string | null }
  | { readonly view: 'treaties'; readonly place: string }
  | { readonly view: 'path'; readonly from: string; readonly to: string }
  | { readonly view: 'unknown'; readonly path: string };

export const BASE = '/explorer';

export function parseRoute(url: URL): Route {
  const params = url.searchParams;
  const rest = url.pathname.slice(BASE.length).replace(/\/+$/, '');
  const [, section = '', ...tail] = rest.split('/');
  const id = decodeURIComponent(tail.join('/'));
  switch (section) {
    case '':
      return params.get('q') ? { view: 'search', q: params.get('q') ?? '' } : { view: 'home' };
    case 'entity':
      return id ? { view: 'entity', id, hops: params.get('hops') === '2' ? 2 : 1 } : { view: 'home' };
    case 'source':
      return id ? { view: 'source', id, quote: params.get('quote') } : { view: 'home' };
    case 'treaties':
      return { view: 'treaties', place: params.get('place') ?? '' };
    case 'path':
      return { view: 'path', from: params.get('from') ?? '', to: params.get('to') ?? '' };
    default:
      return { view: 'unknown', path: url.pathname };
  }
}

export function hrefOf(route: Route): string {
  const query = (entries: Record<string, string | null>) => {
    const params = new URLSearchParams(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ''));
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  switch (route.view) {
    case 'home':
      return BASE;
    case 'search':
      return `${BASE}${query({ q: route.q })}`;
    case 'entity':
      return `${BASE}/entity/${encodeURIComponent(route.id)}${query({ hops: route.hops === 2 ? '2' : null })}`;
    case 'source':
      return `${BASE}/source/${encodeURIComponent(route.id)}${query({ quote: route.quote })}`;
    case 'treaties':
      return `${BASE}/treaties${query({ place: route.place })}`;
    case 'path':
      return `${BASE}/path${query({ from: route.from, to: route.to })}`;
    case 'unknown':
      return route.path;
  }
}

export const entityHref = (id: string): string => hrefOf({ view: 'entity', id, hops: 1 });
