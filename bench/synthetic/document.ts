import { RELATION_RULES, RELATION_TYPES, type RelationType } from '../../model/relations.ts';
import { GENERATED_KINDS, type GeneratedKind } from './names.ts';

/**
 * The one source document of the synthetic dataset: a few hundred sentences that every quote
 * reuses. It is kept small on purpose: the validator checks `text.includes(quote)` for each of
 * the ~600,000 quotes, so a text that grew with the dataset would make validation quadratic.
 */
const CIRCUMSTANCES = [
  'according to the boundary commission',
  'as the surveyors recorded',
  'in the words of the chronicle',
  'as the archive of the district notes',
  'by the account of the envoys',
  'as later maps confirm',
] as const;

const KIND_PHRASES: Record<GeneratedKind, string> = {
  Empire: 'an empire held the frontier',
  State: 'a state claimed the highlands',
  Treaty: 'a treaty was concluded between the parties',
  Person: 'a negotiator took part in the talks',
  Group: 'a people lived on both sides of the line',
  Region: 'a region lay in the mountains',
  Pass: 'a pass led over the range',
  Border: 'a border section ran along the ridge',
  Event: 'an event changed the frontier',
  Organisation: 'an organisation worked in the valleys',
};

function sentence(core: string, circumstance: string, number: number): string {
  // The running number makes every sentence distinct, so a quote points at one place in the text.
  return `Entry ${number}: ${core}, ${circumstance}.`;
}

export interface SyntheticDocument {
  readonly text: string;
  /** Quotes for an entity of each kind, all verbatim in `text`. */
  readonly entityQuotes: ReadonlyMap<GeneratedKind, readonly string[]>;
  /** Quotes for a relation of each type, all verbatim in `text`. */
  readonly relationQuotes: ReadonlyMap<RelationType, readonly string[]>;
}

export function syntheticDocument(): SyntheticDocument {
  const sentences: string[] = [];
  const add = (core: string): string[] =>
    CIRCUMSTANCES.map((circumstance) => {
      const text = sentence(core, circumstance, sentences.length + 1);
      sentences.push(text);
      return text;
    });
  const entityQuotes = new Map(GENERATED_KINDS.map((kind) => [kind, add(KIND_PHRASES[kind])] as const));
  const relationQuotes = new Map(
    RELATION_TYPES.map((type) => [type, add(`one of them ${RELATION_RULES[type].label} the other`)] as const),
  );
  return { text: sentences.join('\n'), entityQuotes, relationQuotes };
}
