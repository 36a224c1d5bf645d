// The promotions, as Talon.One's campaign list has them: status, schedule, targeting, usage
// against the limit, budget spent, and flags for what needs attention (ending within 7 days,
// under 5 % of the budget left).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { formatDate, formatNumber, formatPercent, humanize } from '../ui/format';
import { Badge, ErrorNotice, Loading, Page, useDebounced } from '../ui/ui';

const PromotionsDocument = graphql(`
  query Promotions($search: String, $status: PromotionStatus, $after: String) {
    promotions(first: 25, search: $search, status: $status, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name status priority startsAt endsAt requiresVoucher
          schedule { daysOfWeek startTime endTime }
          includeSegments { id name } excludeSegments { id name }
          redemptionCount usageLimit
          budget { amount formatted } discountGiven { amount formatted }
        }
      }
    }
  }
`);

const WEEK = 7 * 86_400_000;
const SHORT_DAYS: Record<string, string> = { MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri', SATURDAY: 'Sat', SUNDAY: 'Sun' };

/** Whether a promotion needs attention: it ends within 7 days, or has under 5 % of its budget left. */
export function attention(
  promotion: { status: string; endsAt?: string | null; budget?: { amount: number } | null; discountGiven: { amount: number } },
  now: number,
) {
  const ends = promotion.endsAt ? new Date(promotion.endsAt).getTime() : null;
  const endingSoon = promotion.status === 'ACTIVE' && ends !== null && ends > now && ends - now <= WEEK;
  const budgetLow = promotion.budget ? (promotion.budget.amount - promotion.discountGiven.amount) / promotion.budget.amount < 0.05 : false;
  return { endingSoon, budgetLow };
}

export function PromotionsPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const settled = useDebounced(search, 250);
  const after = cursors.at(-1) ?? null;
  const promotions = useQuery({
    queryKey: ['promotions', settled, status, after],
    queryFn: () => request(PromotionsDocument, { search: settled || null, status: (status || null) as never, after }),
    placeholderData: keepPreviousData,
  });
  const page = promotions.data?.promotions;
  const now = promotions.dataUpdatedAt || Date.now();
  return (
    <Page
      title="Promotions"
      actions={
        <Link href="/promotions/new" className="button primary">
          New promotion
        </Link>
      }
    >
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="promotion-search">Search</label>
          <input
            id="promotion-search"
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setCursors([null]);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="promotion-status">Status</label>
          <select
            id="promotion-status"
            value={status}
            onChange={(event) => {
              setStatus(event.target.value);
              setCursors([null]);
            }}
          >
            <option value="">All</option>
            <option value="ACTIVE">Active</option>
            <option value="DRAFT">Draft</option>
            <option value="ARCHIVED">Archived</option>
          </select>
        </div>
      </form>
      <ErrorNotice error={promotions.error} />
      {!page ? (
        <Loading />
      ) : (
        <>
          <table className="data">
            <caption>{formatNumber(page.totalCount)} promotions, the highest priority first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Schedule</th>
                <th scope="col">Targeting</th>
                <th scope="col" className="number">
                  Used / limit
                </th>
                <th scope="col">Budget spent</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => {
                const flags = attention(node, now);
                const spent = node.budget ? node.discountGiven.amount / node.budget.amount : null;
                return (
                  <tr key={node.id}>
                    <th scope="row">
                      <Link href={`/promotions/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                      {flags.endingSoon ? <Badge tone="warn">Ends within 7 days</Badge> : null}
                      {flags.budgetLow ? <Badge tone="bad">Under 5 % of budget left</Badge> : null}
                      {node.requiresVoucher ? <Badge>Codes only</Badge> : null}
                    </th>
                    <td>
                      <Badge tone={node.status === 'ACTIVE' ? 'good' : 'neutral'}>{humanize(node.status)}</Badge>
                    </td>
                    <td>
                      {node.startsAt || node.endsAt ? `${formatDate(node.startsAt)} – ${formatDate(node.endsAt)}` : 'Always'}
                      {node.schedule ? (
                        <div className="small muted">
                          {(node.schedule.daysOfWeek ?? []).map((day) => SHORT_DAYS[day] ?? day).join(' ')} {node.schedule.startTime ?? ''}
                          {node.schedule.endTime ? `–${node.schedule.endTime}` : ''}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {node.includeSegments.length === 0 ? 'Everyone' : node.includeSegments.map((segment) => segment.name).join(', ')}
                      {node.excludeSegments.length > 0 ? (
                        <div className="small muted">except {node.excludeSegments.map((segment) => segment.name).join(', ')}</div>
                      ) : null}
                    </td>
                    <td className="number">
                      {formatNumber(node.redemptionCount)} / {node.usageLimit === null || node.usageLimit === undefined ? '∞' : formatNumber(node.usageLimit)}
                    </td>
                    <td>
                      {node.budget && spent !== null ? (
                        <>
                          <div
                            className="bar"
                            role="meter"
                            aria-valuemin={0}
                            aria-valuemax={100}
                            aria-valuenow={Math.round(spent * 100)}
                            aria-label={`Budget spent of ${node.name}`}
                          >
                            <span style={{ width: `${Math.min(100, spent * 100)}%` }} />
                          </div>
                          <span className="small">
                            {node.discountGiven.formatted} of {node.budget.formatted} ({formatPercent(spent, 0)})
                          </span>
                        </>
                      ) : (
                        <span className="small">{node.discountGiven.formatted} given, no budget</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages of promotions">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}>
              Next
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
