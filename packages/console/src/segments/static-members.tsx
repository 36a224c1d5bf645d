// A static segment's list: add customers from a CSV file (their external IDs, a column named
// externalId or else the first), and refresh the list from the rule.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { request, succeeded } from '../api/client';
import { graphql } from '../gql';
import { formatNumber } from '../ui/format';
import { ErrorNotice, Section } from '../ui/ui';

const AddDocument = graphql(`
  mutation AddCustomersToSegment($input: StaticSegmentMembersInput!) {
    addCustomersToSegment(input: $input) { __typename ... on MutationAddCustomersToSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } ... on NotFoundError { path } }
  }
`);

const RefreshDocument = graphql(`
  mutation RefreshStaticSegment($segment: ID!) {
    refreshStaticSegment(input: { segment: $segment }) { __typename ... on MutationRefreshStaticSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } }
  }
`);

/** External IDs from a CSV: the "externalId" column if there is a header naming it, else the first column; blank lines skipped. */
export function externalIdsOf(csv: string): string[] {
  const rows = csv.split(/\r?\n/).map((line) => line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
  const header = rows[0] ?? [];
  const column = header.findIndex((cell) => cell.toLowerCase() === 'externalid');
  const body = column >= 0 ? rows.slice(1) : rows;
  return [...new Set(body.map((row) => row[Math.max(column, 0)] ?? '').filter((id) => id !== ''))];
}

const CHUNK = 1000;

export function StaticMembers({ segmentId }: { segmentId: string }) {
  const id = useId();
  const queries = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const ids = externalIdsOf(await file.text());
      let count = 0;
      for (let start = 0; start < ids.length; start += CHUNK) {
        const customers = ids.slice(start, start + CHUNK).map((externalId) => ({ externalId }));
        count = succeeded((await request(AddDocument, { input: { segment: segmentId, customers } })).addCustomersToSegment).segment.memberCount;
      }
      return { added: ids.length, count };
    },
    onSuccess: async ({ added, count }) => {
      setResult(`${formatNumber(added)} customers in the file; the segment has ${formatNumber(count)} members.`);
      await queries.invalidateQueries();
    },
  });
  const refresh = useMutation({
    mutationFn: async () => succeeded((await request(RefreshDocument, { segment: segmentId })).refreshStaticSegment).segment.memberCount,
    onSuccess: async (count) => {
      setResult(`Refreshed from the rule: ${formatNumber(count)} members.`);
      await queries.invalidateQueries();
    },
  });
  return (
    <Section title="The list (static segment)">
      <div className="field">
        <label htmlFor={id}>Add customers from a CSV file</label>
        <input
          id={id}
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => event.target.files?.[0] && upload.mutate(event.target.files[0])}
          aria-describedby={`${id}-help`}
        />
        <small id={`${id}-help`} className="help">
          Their external IDs: a column named externalId, or else the first column.
        </small>
      </div>
      <button type="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        Replace the list with the rule's members now
      </button>
      <ErrorNotice error={upload.error ?? refresh.error} />
      {result ? (
        <p role="status" className="notice good">
          {result}
        </p>
      ) : null}
    </Section>
  );
}
