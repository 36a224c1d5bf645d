// The segments: name, kind, members (as of when the page read them, the caption's time; recorded or evaluated: Segment.membershipSource), who entered and left in the last
// 24 hours, the promotions aimed at them; searched by words and filtered by kind.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { formatNumber, formatTime } from '../ui/format';
import { Badge, ErrorNotice, Loading, Page, useDebounced } from '../ui/ui';

const SegmentsDocument = graphql(`
  query Segments($search: String, $kind: SegmentKind, $after: String) {
    segments(first: 25, search: $search, kind: $kind, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name kind memberCount ruleProblem recentChanges { entered left } promotions { targeting promotion { id name } } } }
    }
  }
`);

export function SegmentsPage() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<'' | 'DYNAMIC' | 'STATIC'>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const settledSearch = useDebounced(search, 250);
  const after = cursors[cursors.length - 1] ?? null;
  const segments = useQuery({
    queryKey: ['segments', settledSearch, kind, after],
    queryFn: () => request(SegmentsDocument, { search: settledSearch || null, kind: kind || null, after }),
    placeholderData: keepPreviousData,
  });
  const page = segments.data?.segments;
  return (
    <Page
      title="Segments"
      actions={
        <>
          <Link href="/segments/templates" className="button">
            From a template
          </Link>
          <Link href="/segments/new" className="button primary">
            New segment
          </Link>
        </>
      }
    >
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="segment-search">Search</label>
          <input
            id="segment-search"
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setCursors([null]);
            }}
            placeholder="Words in the name or description"
          />
        </div>
        <div className="field">
          <label htmlFor="segment-kind-filter">Kind</label>
          <select
            id="segment-kind-filter"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as typeof kind);
              setCursors([null]);
            }}
          >
            <option value="">All</option>
            <option value="DYNAMIC">Dynamic</option>
            <option value="STATIC">Static</option>
          </select>
        </div>
      </form>
      <ErrorNotice error={segments.error} />
      {!page ? (
        <Loading />
      ) : (
        <>
          <table className="data">
            <caption>
              {formatNumber(page.totalCount)} segments; members as of {formatTime(segments.dataUpdatedAt)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col" className="number">
                  Members
                </th>
                <th scope="col" className="number">
                  Entered (24 h)
                </th>
                <th scope="col" className="number">
                  Left (24 h)
                </th>
                <th scope="col">Promotions</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.id}>
                  <th scope="row">
                    <Link href={`/segments/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                    {node.ruleProblem ? <Badge tone="bad">rule unusable</Badge> : null}
                  </th>
                  <td>{node.kind === 'DYNAMIC' ? 'Dynamic' : 'Static'}</td>
                  <td className="number">{formatNumber(node.memberCount)}</td>
                  <td className="number">{node.kind === 'DYNAMIC' ? `+${formatNumber(node.recentChanges.entered)}` : '—'}</td>
                  <td className="number">{node.kind === 'DYNAMIC' ? `−${formatNumber(node.recentChanges.left)}` : '—'}</td>
                  <td>
                    {node.promotions.length === 0
                      ? '—'
                      : node.promotions.map((use, index) => (
                          <span key={use.promotion.id}>
                            {index > 0 ? ', ' : ''}
                            <Link href={`/promotions/${encodeURIComponent(use.promotion.id)}`}>{use.promotion.name}</Link>
                            {use.targeting === 'EXCLUDE' ? ' (excluded)' : ''}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages of segments">
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
