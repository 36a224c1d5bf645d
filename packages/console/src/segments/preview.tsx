// The live preview beside the rule editor: as the rule changes (debounced), the member count
// and its share of all customers, a sample of members, and for a saved segment who would enter
// and who would leave compared with its saved rule. Nothing is saved.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { customerName, formatNumber, formatPercent } from '../ui/format';
import { ErrorNotice, useDebounced } from '../ui/ui';
import { asRuleInput, type RuleInput } from './rules';

const PreviewDocument = graphql(`
  query SegmentPreview($rule: SegmentRuleInput!) {
    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }
    customers(first: 1) { totalCount }
  }
`);

const ChangeDocument = graphql(`
  query SegmentChangePreview($segment: ID!, $rule: SegmentRuleInput!) {
    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }
    customers(first: 1) { totalCount }
    previewSegmentChange(segment: $segment, rule: $rule) {
      ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving enteringSample { id externalId firstName lastName } leavingSample { id externalId firstName lastName } } }
      ... on Error { message }
    }
  }
`);

type Person = { id: string; externalId: string; firstName?: string | null; lastName?: string | null };

function People({ people, label }: { people: Person[]; label: string }) {
  if (people.length === 0) return null;
  return (
    <ul className="people" aria-label={label}>
      {people.map((person) => (
        <li key={person.id}>
          <Link href={`/customers/${encodeURIComponent(person.id)}`}>{customerName(person)}</Link>
        </li>
      ))}
    </ul>
  );
}

export function SegmentPreview({ rule, segmentId }: { rule: RuleInput; segmentId?: string }) {
  const settled = useDebounced(rule, 400);
  const preview = useQuery({
    queryKey: ['segment-preview', segmentId ?? null, JSON.stringify(settled)],
    queryFn: async () => {
      const started = performance.now();
      const result = segmentId
        ? await request(ChangeDocument, { segment: segmentId, rule: asRuleInput(settled) })
        : { ...(await request(PreviewDocument, { rule: asRuleInput(settled) })), previewSegmentChange: null };
      return { ...result, tookMs: Math.round(performance.now() - started) };
    },
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = preview.data;
  const base = data?.customers.totalCount ?? 0;
  const change = data?.previewSegmentChange && 'data' in data.previewSegmentChange ? data.previewSegmentChange.data : null;
  const updating = preview.isFetching || rule !== settled;
  return (
    <aside className="card preview" aria-labelledby="preview-title" aria-busy={updating}>
      <h2 id="preview-title">Live preview</h2>
      {preview.error && !updating ? <ErrorNotice error={preview.error} /> : null}
      {data ? (
        <div aria-live="polite" className={updating ? 'stale' : undefined}>
          <p className="big-number">
            <span data-testid="preview-count">{formatNumber(data.previewSegment.memberCount)}</span> <span className="unit">members</span>
          </p>
          <p className="muted" data-testid="preview-share">
            {base > 0 ? `${formatPercent(data.previewSegment.memberCount / base)} of ${formatNumber(base)} customers` : 'No customers yet'}
          </p>
          {change ? (
            <dl className="change">
              <div>
                <dt>Would enter</dt>
                <dd className="good" data-testid="preview-entering">
                  +{formatNumber(change.entering)}
                </dd>
              </div>
              <div>
                <dt>Would leave</dt>
                <dd className="bad" data-testid="preview-leaving">
                  −{formatNumber(change.leaving)}
                </dd>
              </div>
              <div>
                <dt>Members now</dt>
                <dd>{formatNumber(change.currentCount)}</dd>
              </div>
            </dl>
          ) : null}
          <p className="rule-description">{data.previewSegment.ruleDescription}</p>
          <p className="muted small" data-testid="preview-latency">
            {updating ? 'Updating…' : `Counted in ${data.tookMs} ms`}
          </p>
          <h3>Sample of members</h3>
          <People people={data.previewSegment.sample} label="Sample of members" />
          {change && change.enteringSample.length > 0 ? (
            <>
              <h3>Some who would enter</h3>
              <People people={change.enteringSample} label="Some who would enter" />
            </>
          ) : null}
          {change && change.leavingSample.length > 0 ? (
            <>
              <h3>Some who would leave</h3>
              <People people={change.leavingSample} label="Some who would leave" />
            </>
          ) : null}
        </div>
      ) : preview.isPending ? (
        <p role="status" className="muted">
          Counting…
        </p>
      ) : null}
    </aside>
  );
}
