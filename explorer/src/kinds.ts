/** One colour per kind of entity, in the graph, the timeline and the badges; chosen to stay apart for most colour vision. */
const COLOURS: Readonly<Record<string, string>> = {
  Empire: '#7b3fa0',
  State: '#1f5f99',
  Treaty: '#b8322a',
  Person: '#c8641a',
  Group: '#9a7d0a',
  Region: '#2e8540',
  Pass: '#0f8a80',
  Border: '#3d4f63',
  Event: '#c2185b',
  Organisation: '#6d4c41',
  Policy: '#5c6b7a',
  Source: '#8a8a8a',
};

export function kindColour(kind: string): string {
  return COLOURS[kind] ?? '#666666';
}

export const KINDS = Object.keys(COLOURS);
