// Typed documents from the committed schema.graphql (GraphQL Code Generator's client preset):
// every query in src is checked against the public API, and results are typed. Documents are
// plain strings (documentMode: 'string'), so the page ships no GraphQL parser.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', JSONObject: 'Record<string, unknown>', SafeInt: 'number', ID: 'string' },
        skipTypename: false,
      },
    },
  },
};

export default config;
