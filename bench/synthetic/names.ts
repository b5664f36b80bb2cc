import type { EntityKind } from '../../model/kinds.ts';
import type { Random } from '../prng.ts';

/**
 * Names for synthetic entities: invented words of Central Asian-sounding syllables, unique within
 * a kind by construction (the n-th entity of a kind gets the n-th word of a permuted sequence),
 * and unique across kinds because each kind has its own nouns. Unique names keep every order the
 * API promises (by name, then id) free of ties, so all three servers must agree on each page.
 */
const SYLLABLES = [
  'ak', 'bai', 'bel', 'chu', 'dar', 'ert', 'gul', 'jal', 'kal', 'kara', 'kash', 'kok', 'kum', 'mur', 'nar', 'ol',
  'sar', 'sary', 'shan', 'su', 'tal', 'tash', 'tem', 'tor', 'tur', 'uch', 'uz', 'yan', 'zhar', 'bor', 'khan', 'ken',
  'min', 'ala', 'tau', 'kul', 'jer', 'bul', 'ter', 'oy',
] as const;
const RADIX = SYLLABLES.length;
/** Coprime with every power of 40 (= 2^3 * 5), so multiplying by it permutes 0..40^d-1. */
const SPREAD = 7_919;
/** Shifts the sequence so the first names are not "Akakak". */
const OFFSET = 12_345;

/** The kinds the generator makes, as the seed has them (a subset of the model's, which may grow). */
export const GENERATED_KINDS = ['State', 'Empire', 'Region', 'Border', 'Pass', 'Treaty', 'Person', 'Event', 'Group', 'Organisation'] as const satisfies readonly EntityKind[];
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** The n-th word of `count` distinct words: three syllables while they suffice, four above 64,000. */
export function inventedWord(index: number, count: number): string {
  const digits = count <= RADIX ** 3 ? 3 : 4;
  if (count > RADIX ** digits) throw new Error(`at most ${RADIX ** digits} names per kind; asked for ${count}`);
  let code = (index * SPREAD + OFFSET) % RADIX ** digits;
  let word = '';
  for (let digit = 0; digit < digits; digit += 1) {
    word += SYLLABLES[code % RADIX] ?? '';
    code = Math.floor(code / RADIX);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const REGION_CATEGORIES = ['valley', 'river basin', 'mountain range', 'plateau', 'prefecture', 'district', 'gorge', 'lake'] as const;
const REGION_NOUNS: Record<(typeof REGION_CATEGORIES)[number], string> = {
  valley: 'Valley',
  'river basin': 'Basin',
  'mountain range': 'Range',
  plateau: 'Plateau',
  prefecture: 'Prefecture',
  district: 'District',
  gorge: 'Gorge',
  lake: 'Lake',
};
const TREATY_FORMS = [
  ['treaty', (w: string) => `Treaty of ${w}`],
  ['protocol', (w: string) => `${w} Protocol`],
  ['agreement', (w: string) => `${w} Agreement`],
  ['convention', (w: string) => `${w} Convention`],
] as const;
const EVENT_NOUNS = ['Uprising', 'Conference', 'Crisis', 'Expedition', 'Revolt', 'Summit'] as const;
const ORGANISATION_NOUNS = ['Movement', 'Company', 'Front', 'Society'] as const;
const GIVEN_NAMES = ['Askar', 'Bolot', 'Dilnoza', 'Erlan', 'Gulnara', 'Kanat', 'Meerim', 'Nurlan', 'Saule', 'Timur'] as const;

export interface Naming {
  readonly name: string;
  readonly category?: string;
  readonly alias?: string;
}

/** The name (and category, and sometimes an alias) of the `index`-th of `count` entities of `kind`. */
export function nameOf(kind: GeneratedKind, index: number, count: number, random: Random): Naming {
  const word = inventedWord(index, count);
  // An alias in about a quarter of cases: a transliteration variant, as the seed's aliases are.
  const alias = random.chance(0.25) ? word.replace(/sh/g, 's').replace(/k/g, 'q') : undefined;
  const withAlias = (naming: Naming): Naming => (alias && alias !== word ? { ...naming, alias: naming.name.replace(word, alias) } : naming);
  switch (kind) {
    case 'State':
      return withAlias({ name: `Republic of ${word}`, category: 'historical state' });
    case 'Empire':
      return withAlias({ name: `${word} Empire` });
    case 'Region': {
      const category = random.pick(REGION_CATEGORIES);
      return withAlias({ name: `${word} ${REGION_NOUNS[category]}`, category });
    }
    case 'Border':
      return { name: `${word} Line`, category: 'border section' };
    case 'Pass':
      return withAlias({ name: `${word} Pass` });
    case 'Treaty': {
      const [category, form] = random.pick(TREATY_FORMS);
      return { name: form(word), category };
    }
    case 'Person':
      return { name: `${random.pick(GIVEN_NAMES)} ${word}` };
    case 'Event':
      return { name: `${word} ${random.pick(EVENT_NOUNS)}` };
    case 'Group':
      return { name: `${word} people`, category: 'ethnic group' };
    case 'Organisation':
      return { name: `${word} ${random.pick(ORGANISATION_NOUNS)}` };
  }
}
