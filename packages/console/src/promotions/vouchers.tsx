// A promotion's voucher codes: the first page, generating more, and exporting them all as CSV.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request, saveBlob, succeeded } from '../api/client';
import { toCsv } from '../charts/spec';
import { graphql } from '../gql';
import { formatDate, formatNumber } from '../ui/format';
import { ErrorNotice, Section } from '../ui/ui';

const CodesDocument = graphql(`
  query VoucherCodes($promotion: ID!, $first: Int!, $after: String) {
    node(id: $promotion) {
      __typename
      ... on Promotion { voucherCodes(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code redemptionCount usageLimit expiresAt batch } } } }
    }
  }
`);

const GenerateDocument = graphql(`
  mutation GenerateVoucherCodes($input: CreateVoucherCodesInput!) {
    createVoucherCodes(input: $input) { __typename ... on MutationCreateVoucherCodesSuccess { data { codes { code } } } ... on Error { message } }
  }
`);

type Codes = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: { code: string; redemptionCount: number; usageLimit?: number | null; expiresAt?: string | null; batch?: string | null } }[];
};

async function codesPage(promotion: string, first: number, after: string | null): Promise<Codes> {
  const node = (await request(CodesDocument, { promotion, first, after })).node;
  return node?.__typename === 'Promotion' ? node.voucherCodes : { totalCount: 0, pageInfo: { hasNextPage: false }, edges: [] };
}

export function VoucherCodes({ promotionId, name }: { promotionId: string; name: string }) {
  const queries = useQueryClient();
  const [count, setCount] = useState(10);
  const [prefix, setPrefix] = useState('');
  const [usageLimit, setUsageLimit] = useState('1');
  const codes = useQuery({ queryKey: ['voucher-codes', promotionId], queryFn: () => codesPage(promotionId, 20, null) });
  const generate = useMutation({
    mutationFn: async () =>
      succeeded(
        (
          await request(GenerateDocument, {
            input: { promotion: promotionId, generate: { count, ...(prefix ? { prefix } : {}) }, ...(usageLimit ? { usageLimit: Number(usageLimit) } : {}) },
          })
        ).createVoucherCodes,
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['voucher-codes', promotionId] }),
  });
  const exportAll = useMutation({
    mutationFn: async () => {
      const rows: (string | number | null)[][] = [];
      let after: string | null = null;
      for (;;) {
        const page: Codes = await codesPage(promotionId, 100, after);
        rows.push(...page.edges.map(({ node }) => [node.code, node.redemptionCount, node.usageLimit ?? null, node.expiresAt ?? null, node.batch ?? null]));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? null;
      }
      saveBlob(
        new Blob([toCsv({ header: ['code', 'redemptions', 'usageLimit', 'expiresAt', 'batch'], rows })], { type: 'text/csv' }),
        `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}-codes.csv`,
      );
    },
  });
  const page = codes.data;
  return (
    <Section
      title="Voucher codes"
      actions={
        <button type="button" onClick={() => exportAll.mutate()} disabled={!page || page.totalCount === 0 || exportAll.isPending}>
          Export all as CSV
        </button>
      }
    >
      <ErrorNotice error={codes.error ?? generate.error ?? exportAll.error} />
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          generate.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="codes-count">Codes to generate</label>
          <input id="codes-count" type="number" min={1} max={10000} value={count} onChange={(event) => setCount(Number(event.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="codes-prefix">Prefix</label>
          <input id="codes-prefix" value={prefix} onChange={(event) => setPrefix(event.target.value)} placeholder="e.g. SPRING-" />
        </div>
        <div className="field">
          <label htmlFor="codes-limit">Uses per code</label>
          <input id="codes-limit" type="number" min={1} value={usageLimit} onChange={(event) => setUsageLimit(event.target.value)} />
        </div>
        <button type="submit" disabled={generate.isPending}>
          Generate
        </button>
      </form>
      {page ? (
        page.totalCount === 0 ? (
          <p className="muted">No codes yet.</p>
        ) : (
          <table className="data">
            <caption>
              {formatNumber(page.totalCount)} codes{page.totalCount > page.edges.length ? `, the first ${page.edges.length}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col" className="number">
                  Used / limit
                </th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.code}>
                  <th scope="row">
                    <code>{node.code}</code>
                  </th>
                  <td className="number">
                    {node.redemptionCount} / {node.usageLimit ?? '∞'}
                  </td>
                  <td>{formatDate(node.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Section>
  );
}
