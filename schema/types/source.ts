import { defineEntityType } from './define-entity-type.ts';

export const Source = defineEntityType(
  'Source',
  {
    depicts: { types: ['DEPICTS'], direction: 'OUT', description: 'What this map series or document shows.' },
  },
  (t) => ({
    url: t.string({ nullable: true, description: 'Where the document is published.', resolve: (row) => row.url ?? null }),
    license: t.string({ nullable: true, description: 'Its licence, e.g. "CC BY-SA 4.0".', resolve: (row) => row.license ?? null }),
    attribution: t.string({ nullable: true, description: 'Whom to credit when reusing it.', resolve: (row) => row.attribution ?? null }),
    basis: t.string({
      nullable: true,
      description: '"article" for a published text; "background" for general knowledge stated by the maintainers, not by an article.',
      resolve: (row) => row.basis ?? null,
    }),
    text: t.string({
      nullable: true,
      description: 'The whole text of the document, in which every quote of it stands verbatim: for showing a quote in its context.',
      resolve: (row, _args, context) => context.loaders.sourceTextById.load(row.id),
    }),
  }),
);
