// A customer: profile, segments now, the membership timeline with its causes, RFM scores and
// group, retention stage and when it changes next, orders, views, carts and wishlist, and the
// simulator opened for them.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { request } from '../api/client';
import { graphql } from '../gql';
import { customerName, formatDate, formatDateTime, formatMoney, humanize } from '../ui/format';
import { Badge, ErrorNotice, Loading, Page, Section } from '../ui/ui';

const CustomerDocument = graphql(`
  query Customer($id: ID!) {
    shopSettings { defaultCurrency }
    node(id: $id) {
      __typename
      ... on Customer {
        id externalId email firstName lastName phone category groups tags registeredAt status loyaltyMember loyaltyTier newsletterSubscribed marketingConsent referralSource
        addresses { city country isDefault }
        segments { id name }
        segmentHistory(first: 50) { at entered cause segment { id name } }
        retention { stage since nextStageAt expectedGapDays gapSource lastOrderAt validatedOrders }
        orders(first: 10) { totalCount edges { node { id externalId placedAt status total { formatted } lines { quantity product { sku name } } } } }
        productViews(first: 10) { totalCount edges { node { viewedAt product { sku name } } } }
        carts(first: 5) { totalCount edges { node { externalId status lastActivityAt abandonedAt subtotal { formatted } lines { quantity product { sku } } } } }
        wishlist { addedAt product { sku name } }
      }
    }
  }
`);

const RfmDocument = graphql(`
  query CustomerRfm($id: ID!, $currency: String!) {
    node(id: $id) { __typename ... on Customer { rfm(currency: $currency) { group recency frequency monetary orders spent daysSinceLastOrder computedAt } } }
  }
`);

const CAUSES: Record<string, string> = {
  INGESTION: 'their data changed',
  TIME: 'time passed',
  SEGMENT_EDIT: 'the segment was created or edited',
  RECONCILIATION: 'the periodic check corrected it',
};

export function CustomerPage({ id }: { id: string }) {
  const customer = useQuery({ queryKey: ['customer', id], queryFn: () => request(CustomerDocument, { id }) });
  const currency = customer.data?.shopSettings.defaultCurrency;
  const rfm = useQuery({
    queryKey: ['customer-rfm', id, currency],
    queryFn: () => request(RfmDocument, { id, currency: currency as string }),
    enabled: currency !== undefined,
  });
  if (customer.error) return <ErrorNotice error={customer.error} />;
  const node = customer.data?.node;
  if (!customer.data) return <Loading />;
  if (node?.__typename !== 'Customer') return <ErrorNotice error={new Error('No such customer')} />;
  const scores = rfm.data?.node?.__typename === 'Customer' ? rfm.data.node.rfm : null;
  return (
    <Page
      title={customerName(node)}
      actions={
        <Link href={`/simulator?customer=${encodeURIComponent(node.externalId)}`} className="button primary">
          Simulate a cart for them
        </Link>
      }
    >
      <div className="grid-2">
        <Section title="Profile">
          <dl className="facts">
            <dt>External ID</dt>
            <dd>{node.externalId}</dd>
            <dt>Email</dt>
            <dd>{node.email ?? '—'}</dd>
            <dt>Phone</dt>
            <dd>{node.phone ?? '—'}</dd>
            <dt>Category</dt>
            <dd>{node.category ?? '—'}</dd>
            <dt>Registered</dt>
            <dd>{formatDate(node.registeredAt)}</dd>
            <dt>Status</dt>
            <dd>{humanize(node.status)}</dd>
            <dt>Loyalty</dt>
            <dd>{node.loyaltyMember ? `Member${node.loyaltyTier ? ` (${node.loyaltyTier})` : ''}` : 'Not a member'}</dd>
            <dt>Marketing</dt>
            <dd>
              {node.marketingConsent ? 'Accepts marketing' : 'No marketing'}; {node.newsletterSubscribed ? 'subscribed' : 'not subscribed'} to the newsletter
            </dd>
            <dt>Tags and groups</dt>
            <dd>{[...node.tags, ...node.groups].join(', ') || '—'}</dd>
            <dt>Address</dt>
            <dd>{node.addresses.map((address) => [address.city, address.country].filter(Boolean).join(', ')).join('; ') || '—'}</dd>
          </dl>
        </Section>
        <Section title="Lifecycle">
          <h3>RFM</h3>
          {scores ? (
            <dl className="facts" data-testid="rfm">
              <dt>Group</dt>
              <dd>
                <strong data-testid="rfm-group">{scores.group ? humanize(scores.group) : 'Not scored yet'}</strong>
              </dd>
              <dt>Scores (R, F, M)</dt>
              <dd>{scores.recency ? `${scores.recency}, ${scores.frequency}, ${scores.monetary}` : '—'}</dd>
              <dt>From</dt>
              <dd>
                {scores.orders ?? 0} orders, {formatMoney(scores.spent ?? 0, currency ?? 'USD')} spent, the last {scores.daysSinceLastOrder ?? '—'} days ago
              </dd>
            </dl>
          ) : (
            <Loading what="Scoring" />
          )}
          <h3>Retention</h3>
          {node.retention ? (
            <dl className="facts">
              <dt>Stage</dt>
              <dd>
                <strong data-testid="retention-stage">{humanize(node.retention.stage)}</strong> since {formatDate(node.retention.since)}
              </dd>
              <dt>Next change</dt>
              <dd>{node.retention.nextStageAt ? `${formatDateTime(node.retention.nextStageAt)}, unless they order` : 'None due'}</dd>
              <dt>Expected gap</dt>
              <dd>
                {node.retention.expectedGapDays ? `${node.retention.expectedGapDays.toFixed(1)} days (${humanize(node.retention.gapSource ?? '')})` : '—'}
              </dd>
            </dl>
          ) : (
            <p className="muted">No retention stage.</p>
          )}
          <h3>Segments now</h3>
          {node.segments.length === 0 ? (
            <p className="muted">In no segment.</p>
          ) : (
            <ul data-testid="segments-now">
              {node.segments.map((segment) => (
                <li key={segment.id}>
                  <Link href={`/segments/${encodeURIComponent(segment.id)}`}>{segment.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Section title="Membership timeline">
        {node.segmentHistory.length === 0 ? (
          <p className="muted">No entry or exit recorded yet.</p>
        ) : (
          <ol className="timeline" data-testid="timeline">
            {node.segmentHistory.map((change, index) => (
              <li key={index}>
                <time dateTime={change.at}>{formatDateTime(change.at)}</time>:{' '}
                {change.entered ? <Badge tone="good">entered</Badge> : <Badge tone="bad">left</Badge>}{' '}
                {change.segment ? <Link href={`/segments/${encodeURIComponent(change.segment.id)}`}>{change.segment.name}</Link> : 'a deleted segment'}, because{' '}
                {CAUSES[change.cause] ?? change.cause}
              </li>
            ))}
          </ol>
        )}
      </Section>
      <div className="grid-2">
        <Section title={`Orders (${node.orders.totalCount})`}>
          <ul>
            {node.orders.edges.map(({ node: order }) => (
              <li key={order.id}>
                {formatDate(order.placedAt)}: {order.total.formatted} <Badge>{humanize(order.status)}</Badge>{' '}
                <span className="muted small">{order.lines.map((line) => `${line.quantity} × ${line.product.sku}`).join(', ')}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title={`Product views (${node.productViews.totalCount})`}>
          <ul>
            {node.productViews.edges.map(({ node: view }, index) => (
              <li key={index}>
                {formatDateTime(view.viewedAt)}: {view.product.name} <span className="muted small">{view.product.sku}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title={`Carts (${node.carts.totalCount})`}>
          <ul>
            {node.carts.edges.map(({ node: cart }) => (
              <li key={cart.externalId}>
                {formatDateTime(cart.lastActivityAt)}: {cart.subtotal.formatted}{' '}
                <Badge tone={cart.abandonedAt ? 'warn' : 'neutral'}>{cart.abandonedAt ? 'abandoned' : humanize(cart.status)}</Badge>{' '}
                <span className="muted small">{cart.lines.map((line) => `${line.quantity} × ${line.product.sku}`).join(', ')}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title={`Wishlist (${node.wishlist.length})`}>
          <ul>
            {node.wishlist.map((item) => (
              <li key={item.product.sku}>
                {item.product.name} <span className="muted small">added {formatDate(item.addedAt)}</span>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </Page>
  );
}
