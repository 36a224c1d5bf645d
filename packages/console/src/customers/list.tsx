// Customers: search by name, email or external ID, the newest first.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { customerName, formatDate, formatNumber } from '../ui/format';
import { ErrorNotice, Loading, Page, useDebounced } from '../ui/ui';

const CustomersDocument = graphql(`
  query Customers($search: String, $after: String) {
    customers(first: 25, after: $after, filter: { search: $search }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id externalId firstName lastName email category registeredAt status } }
    }
  }
`);

export function CustomersPage() {
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const settled = useDebounced(search, 250);
  const customers = useQuery({
    queryKey: ['customers', settled, cursors.at(-1) ?? null],
    queryFn: () => request(CustomersDocument, { search: settled || null, after: cursors.at(-1) ?? null }),
    placeholderData: keepPreviousData,
  });
  const page = customers.data?.customers;
  return (
    <Page title="Customers">
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="customer-search">Search</label>
          <input
            id="customer-search"
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setCursors([null]);
            }}
            placeholder="Start of a name or email, or an external ID"
          />
        </div>
      </form>
      <ErrorNotice error={customers.error} />
      {!page ? (
        <Loading />
      ) : (
        <>
          <table className="data">
            <caption>{formatNumber(page.totalCount)} customers, the newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">External ID</th>
                <th scope="col">Email</th>
                <th scope="col">Category</th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {page.edges.map(({ node }) => (
                <tr key={node.id}>
                  <th scope="row">
                    <Link href={`/customers/${encodeURIComponent(node.id)}`}>{customerName(node)}</Link>
                  </th>
                  <td>{node.externalId}</td>
                  <td>{node.email ?? '—'}</td>
                  <td>{node.category ?? '—'}</td>
                  <td>{formatDate(node.registeredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages of customers">
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
