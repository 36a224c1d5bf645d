// API keys: the list, a new key (its secret shown once), revocation. Keys are ADMIN,
// ANALYST (reads, changes nothing) or STOREFRONT.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request, succeeded } from '../api/client';
import { graphql } from '../gql';
import { formatDateTime, humanize } from '../ui/format';
import { Badge, ErrorNotice, Loading, SecretOnce, Section } from '../ui/ui';

const KeysDocument = graphql(`
  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }
`);

const CreateDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } ... on Error { code message } } }
`);

const RevokeDocument = graphql(`
  mutation RevokeApiKey($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on MutationRevokeApiKeySuccess { data { apiKey { id } } } ... on Error { message } } }
`);

const SCOPES = [
  { scope: 'ADMIN', help: 'everything, customer data included' },
  { scope: 'ANALYST', help: 'reads what an admin reads, changes nothing' },
  { scope: 'STOREFRONT', help: 'eligibility, vouchers, redemptions, events' },
] as const;

export function ApiKeys() {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<(typeof SCOPES)[number]['scope']>('ANALYST');
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => request(KeysDocument) });
  const create = useMutation({
    mutationFn: async () => succeeded((await request(CreateDocument, { input: { name, scopes: [scope] } })).createApiKey),
    onSuccess: async (created) => {
      setSecret(created.secret);
      setName('');
      await queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => succeeded((await request(RevokeDocument, { id })).revokeApiKey),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  return (
    <>
      <Section title="New key">
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="key-name">Name</label>
            <input id="key-name" required value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Storefront (production)" />
          </div>
          <div className="field">
            <label htmlFor="key-scope">Scope</label>
            <select id="key-scope" value={scope} onChange={(event) => setScope(event.target.value as typeof scope)}>
              {SCOPES.map((option) => (
                <option key={option.scope} value={option.scope}>
                  {humanize(option.scope)}: {option.help}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={create.isPending}>
            Create key
          </button>
        </form>
      </Section>
      {secret ? <SecretOnce label="The new key." secret={secret} /> : null}
      <ErrorNotice error={keys.error ?? create.error ?? revoke.error} />
      {!keys.data ? (
        <Loading />
      ) : (
        <table className="data">
          <caption>API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Scopes</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.apiKeys.edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row">{node.name}</th>
                <td>
                  <code>{node.prefix}</code>
                </td>
                <td>{node.scopes.map(humanize).join(', ')}</td>
                <td>{formatDateTime(node.lastUsedAt)}</td>
                <td>
                  {node.revokedAt ? (
                    <Badge tone="bad">revoked {formatDateTime(node.revokedAt)}</Badge>
                  ) : (
                    <button
                      type="button"
                      className="small danger"
                      onClick={() => window.confirm(`Revoke "${node.name}"? Its sessions end too.`) && revoke.mutate(node.id)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
