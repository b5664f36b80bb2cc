/**
 * An independent checklist for the coverage test of the China–Kyrgyzstan border dataset: every proper
 * noun and dated event of `fixtures/china-kyrgyzstan-border/sources/china-kyrgyzstan-border.txt`, as
 * the article writes it, with the entity kind it should be. Each mention must equal, case-insensitively,
 * the name or an alias of an entity of that kind.
 *
 * Written by reading the article, paragraph by paragraph, not from `entities.yaml`, so that it catches
 * omissions there. Where the article refers to a dated treaty or event by a description rather than a
 * name ("In 1915 an agreement was signed", "the two agreed"), the mention is the shortest phrase of the
 * article that picks it out; where an event is only told by a verb ("it was re-opened", "protested
 * against", "seek asylum"), the mention is a short noun phrase in the article's words. The "See also"
 * links ("Ports of entry of China", "Extreme points of Kyrgyzstan") state no fact and are left out, as
 * are the adjectives "European and Asian markets" and "today's Sino-Kazakh/Kyrgyz/Tajik border".
 */
export const SEED_MENTIONS: readonly { mention: string; kind: string }[] = [
  // Lead
  { mention: 'China–Kyrgyzstan border', kind: 'Border' },
  { mention: 'Kazakhstan', kind: 'State' },
  { mention: 'Tian Shan range', kind: 'Region' },
  { mention: 'Tajikistan', kind: 'State' },
  { mention: 'Issyk-Kul Region', kind: 'Region' },
  { mention: 'Naryn Region', kind: 'Region' },
  { mention: 'Osh Region', kind: 'Region' },
  { mention: 'Kyrgyzstan', kind: 'State' },
  { mention: 'Aksu Prefecture', kind: 'Region' },
  { mention: 'Kizilsu Kyrgyz Autonomous Prefecture', kind: 'Region' },
  { mention: 'Xinjiang Uygur Autonomous Region', kind: 'Region' },
  { mention: 'China', kind: 'State' },

  // History: the Russian and Qing empires
  { mention: 'Russian Empire', kind: 'Empire' },
  { mention: 'Central Asia', kind: 'Region' },
  { mention: 'Lake Zaysan region', kind: 'Region' },
  { mention: 'Qing Empire', kind: 'Empire' },
  { mention: 'Convention of Peking', kind: 'Treaty' },
  { mention: 'Treaty of Tarbagatai', kind: 'Treaty' },
  { mention: 'Treaty of Uliastai', kind: 'Treaty' },
  { mention: 'Lake Zaysan', kind: 'Region' },
  { mention: 'Irtysh basin', kind: 'Region' },
  { mention: 'Dungan revolt', kind: 'Event' },
  { mention: 'reconquest of Xinjiang', kind: 'Event' },
  { mention: 'Xinjiang', kind: 'Region' },
  { mention: 'Zuo Zongtang', kind: 'Person' },
  { mention: 'Ili River basin', kind: 'Region' },
  { mention: 'Russia', kind: 'Empire' },
  { mention: 'Treaty of Saint Petersburg', kind: 'Treaty' },
  { mention: 'series of later protocols', kind: 'Treaty' },
  { mention: '1915 agreement', kind: 'Treaty' },
  { mention: 'Ili Valley', kind: 'Region' },
  { mention: 'Dzungarian Alatau region', kind: 'Region' },

  // History: the southernmost section and the Great Game
  { mention: 'southernmost section of the frontier', kind: 'Border' },
  { mention: 'China-Tajikistan border', kind: 'Border' },
  { mention: 'Britain', kind: 'Empire' },
  { mention: 'Great Game', kind: 'Event' },
  { mention: 'Afghanistan', kind: 'State' },
  { mention: 'Wakhan Corridor', kind: 'Region' },
  { mention: 'these agreement', kind: 'Treaty' },
  { mention: 'China-Russia boundary', kind: 'Border' },

  // History: independence, delimitation and the 2009 agreement
  { mention: 'Kyrgyzstan became independent', kind: 'Event' },
  { mention: 'USSR', kind: 'State' },
  { mention: 'USSR-China frontier', kind: 'Border' },
  { mention: 'border treaty', kind: 'Treaty' },
  { mention: 'Kyrgyz opposition', kind: 'Group' },
  { mention: 'Azimbek Beknazarov', kind: 'Person' },
  { mention: 'movement against then-President Askar Akayev', kind: 'Event' },
  { mention: 'Askar Akayev', kind: 'Person' },
  { mention: 'Tulip Revolution', kind: 'Event' },
  { mention: 'border agreement', kind: 'Treaty' },
  { mention: "People's Republic of China", kind: 'State' },
  { mention: 'Khan Tengri Peak', kind: 'Region' },
  { mention: 'Uzengi-Kush', kind: 'Region' },
  { mention: 'Issyk Kul region', kind: 'Region' },
  { mention: 'post-1949 border treaties', kind: 'Treaty' },
  { mention: 'Republic of China', kind: 'State' },
  { mention: 'Taipei', kind: 'Region' },
  { mention: 'ROC', kind: 'State' },
  { mention: 'One China principle', kind: 'Policy' },

  // History: Belt and Road, investment, ETLO, Uyghurs
  { mention: 'Belt and Road Initiative', kind: 'Event' },
  { mention: 'central Asia', kind: 'Region' },
  { mention: 'railway through central Asia', kind: 'Event' },
  { mention: 'Kyrgyz locals', kind: 'Group' },
  { mention: 'Chinese investors', kind: 'Group' },
  { mention: 'logistics centre', kind: 'Event' },
  { mention: 'protests against Chinese investors', kind: 'Event' },
  { mention: 'Chinese investment', kind: 'Event' },
  { mention: 'Sino-Kyrgyz Good Neighbor Cooperation Treaty', kind: 'Treaty' },
  { mention: 'Joint Declaration of the Establishment of Sino-Kyrgyz Strategic Partnership', kind: 'Treaty' },
  { mention: 'Kyrgyz media', kind: 'Group' },
  { mention: 'East Turkestan Liberation Organization', kind: 'Organisation' },
  { mention: 'ETLO', kind: 'Organisation' },
  { mention: 'ETLO training in Kyrgyzstan', kind: 'Event' },
  { mention: 'Xinjiang province', kind: 'Region' },
  { mention: 'Uygurs', kind: 'Group' },
  { mention: 'Uygurs seeking asylum', kind: 'Event' },

  // Border crossings
  { mention: 'Torugart Pass', kind: 'Pass' },
  { mention: 'Irkeshtam pass', kind: 'Pass' },
  { mention: 'Bedel Pass', kind: 'Pass' },
  { mention: 'Tian Shan mountains', kind: 'Region' },
  { mention: 'Bedel Pass re-opening', kind: 'Event' },
  { mention: 'full-scale development', kind: 'Event' },

  // Historical maps
  { mention: 'China–Kirghiz Soviet Socialist Republic border', kind: 'Border' },
  { mention: 'Kirghiz Soviet Socialist Republic', kind: 'State' },
  { mention: 'International Map of the World', kind: 'Source' },
  { mention: 'Operational Navigation Chart', kind: 'Source' },
];
