// Analytics: the RFM grid as a heat map (customers or revenue per cell, each cell labelled), the
// retention spectrum, month-over-month flows between stages (a Sankey diagram), and a segment's
// size over time. Every chart downloads as CSV.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api/client';
import { Chart } from '../charts/lazy-chart';
import type { ChartData } from '../charts/spec';
import { graphql } from '../gql';
import type { LifecycleAnalyticsQuery } from '../gql/graphql';
import { sizeChart } from '../segments/size-chart';
import { formatDateTime, formatNumber, formatPercent, humanize, minorPerMajor } from '../ui/format';
import { ErrorNotice, Loading, Page, Section, Tabs } from '../ui/ui';

const AnalyticsDocument = graphql(`
  query LifecycleAnalytics {
    lifecycleAnalytics {
      currency
      rfm { scale computedAt prospects scoredCustomers revenue { formatted } cells { recency frequency monetary group customers revenue { amount } } groups { group customers customerShare revenue { formatted } revenueShare } }
      retention { customers stages { stage customers share } }
      retentionFlows(months: 6) { from to flows { from to customers } }
    }
    segments(first: 100) { edges { node { id name kind } } }
  }
`);

const SizeDocument = graphql(`
  query SegmentSize($id: ID!) { node(id: $id) { __typename ... on Segment { name sizeOverTime(days: 90) { date size } } } }
`);

type Analytics = LifecycleAnalyticsQuery['lifecycleAnalytics'];
type Rfm = NonNullable<Analytics['rfm']>;

/** FM as Shopify reads RFM scores: (F + M) / 2, rounded half up. */
const fmOf = (frequency: number, monetary: number) => Math.floor((frequency + monetary) / 2 + 0.5);

export function rfmHeatmap(rfm: Rfm, measure: 'customers' | 'revenue', currency: string): ChartData {
  const scores = Array.from({ length: rfm.scale }, (_, index) => String(index + 1));
  const cells = new Map<string, { customers: number; revenue: number; groups: Map<string, number> }>();
  for (const cell of rfm.cells) {
    const key = `${cell.recency}:${fmOf(cell.frequency, cell.monetary)}`;
    const entry = cells.get(key) ?? { customers: 0, revenue: 0, groups: new Map() };
    entry.customers += cell.customers;
    entry.revenue += cell.revenue.amount;
    entry.groups.set(cell.group, (entry.groups.get(cell.group) ?? 0) + Math.max(cell.customers, 0.001));
    cells.set(key, entry);
  }
  const points = [...cells.entries()].map(([key, entry]) => {
    const [recency, fm] = key.split(':').map(Number) as [number, number];
    const group = [...entry.groups.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const value = measure === 'customers' ? entry.customers : entry.revenue / minorPerMajor(currency);
    return { recency, fm, group, customers: entry.customers, revenue: entry.revenue, value };
  });
  return {
    title: measure === 'customers' ? 'Customers per RFM cell (recency × frequency-and-monetary)' : `Revenue per RFM cell, ${currency}`,
    summary: `RFM grid of ${formatNumber(rfm.scoredCustomers)} scored customers; the largest cell is ${points.sort((a, b) => b.value - a.value)[0]?.group ?? 'none'}.`,
    spec: {
      kind: 'heatmap',
      xName: 'Recency score (5: ordered most recently)',
      yName: 'FM score',
      x: scores,
      y: scores,
      valueName: measure,
      cells: points.map((point) => ({
        x: point.recency - 1,
        y: point.fm - 1,
        value: point.value,
        label: `${measure === 'customers' ? formatNumber(point.customers) : formatNumber(Math.round(point.value))}\n${humanize(point.group)}`,
      })),
    },
    csv: {
      header: ['recency', 'fm', 'group', 'customers', `revenue (${currency} minor units)`],
      rows: points.map((point) => [point.recency, point.fm, point.group, point.customers, point.revenue]),
    },
    csvName: `rfm-${measure}.csv`,
  };
}

const STAGES = ['PROSPECT', 'ACTIVE', 'DRIFTING', 'CHURN_RISK', 'LOST'];

function retentionBars(retention: Analytics['retention']): ChartData {
  const stages = STAGES.map((stage) => retention.stages.find((entry) => entry.stage === stage) ?? { stage, customers: 0, share: 0 });
  return {
    title: 'The retention spectrum',
    summary: stages.map((stage) => `${humanize(stage.stage)}: ${stage.customers}`).join(', '),
    spec: {
      kind: 'bar',
      categories: stages.map((stage) => humanize(stage.stage)),
      values: stages.map((stage) => stage.customers),
      valueName: 'customers',
      labels: stages.map((stage) => `${formatNumber(stage.customers)} (${formatPercent(stage.share, 0)})`),
    },
    csv: { header: ['stage', 'customers', 'share'], rows: stages.map((stage) => [stage.stage, stage.customers, stage.share]) },
    csvName: 'retention-spectrum.csv',
  };
}

function flowsSankey(periods: Analytics['retentionFlows']): ChartData {
  const month = (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const links = periods.flatMap((period) =>
    period.flows
      .filter((flow) => flow.customers > 0)
      .map((flow) => ({
        source: `${humanize(flow.from)} · ${month(period.from)}`,
        target: `${humanize(flow.to)} · ${month(period.to)}`,
        value: flow.customers,
        period,
      })),
  );
  const nodes = [...new Set(links.flatMap((link) => [link.source, link.target]))];
  return {
    title: 'Flows between retention stages, month over month',
    summary: `Customers moving between retention stages over ${periods.length} months.`,
    spec: { kind: 'sankey', nodes, links: links.map(({ source, target, value }) => ({ source, target, value })) },
    csv: {
      header: ['periodStart', 'periodEnd', 'fromStage', 'toStage', 'customers'],
      rows: periods.flatMap((period) => period.flows.map((flow) => [period.from, period.to, flow.from, flow.to, flow.customers])),
    },
    csvName: 'retention-flows.csv',
  };
}

export function AnalyticsPage() {
  const analytics = useQuery({ queryKey: ['analytics'], queryFn: () => request(AnalyticsDocument) });
  const [measure, setMeasure] = useState<'customers' | 'revenue'>('customers');
  const [segmentId, setSegmentId] = useState('');
  const size = useQuery({ queryKey: ['segment-size', segmentId], queryFn: () => request(SizeDocument, { id: segmentId }), enabled: segmentId !== '' });
  if (analytics.error) return <ErrorNotice error={analytics.error} />;
  if (!analytics.data) return <Loading what="Computing the analytics" />;
  const { lifecycleAnalytics: data, segments } = analytics.data;
  const sized = size.data?.node?.__typename === 'Segment' ? size.data.node : null;
  return (
    <Page title="Analytics">
      <Section title="RFM">
        {data.rfm ? (
          <>
            <p className="muted">
              {formatNumber(data.rfm.scoredCustomers)} customers scored ({formatNumber(data.rfm.prospects)} prospects without orders),{' '}
              {data.rfm.revenue.formatted} spent; thresholds computed {formatDateTime(data.rfm.computedAt)}.
            </p>
            <Tabs
              label="What the heat map shows"
              tabs={[
                { key: 'customers', title: 'Customers' },
                { key: 'revenue', title: 'Revenue' },
              ]}
              selected={measure}
              onSelect={setMeasure}
            />
            <div role="tabpanel" id={`panel-${measure}`} aria-labelledby={`tab-${measure}`}>
              <Chart {...rfmHeatmap(data.rfm, measure, data.currency)} height={380} />
            </div>
            <table className="data">
              <caption>RFM groups, the largest first</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" className="number">
                    Customers
                  </th>
                  <th scope="col" className="number">
                    Share
                  </th>
                  <th scope="col" className="number">
                    Revenue
                  </th>
                  <th scope="col" className="number">
                    Share of revenue
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rfm.groups.map((group) => (
                  <tr key={group.group}>
                    <th scope="row">{humanize(group.group)}</th>
                    <td className="number">{formatNumber(group.customers)}</td>
                    <td className="number">{formatPercent(group.customerShare)}</td>
                    <td className="number">{group.revenue.formatted}</td>
                    <td className="number">{formatPercent(group.revenueShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="muted">The RFM thresholds are not computed yet.</p>
        )}
      </Section>
      <div className="grid-2">
        <Section title="Retention">
          <Chart {...retentionBars(data.retention)} height={260} />
        </Section>
        <Section title="Flows between stages">
          <Chart {...flowsSankey(data.retentionFlows)} height={420} />
        </Section>
      </div>
      <Section title="A segment's size over time">
        <div className="field">
          <label htmlFor="size-segment">Segment</label>
          <select id="size-segment" value={segmentId} onChange={(event) => setSegmentId(event.target.value)}>
            <option value="">Choose a segment…</option>
            {segments.edges
              .filter(({ node }) => node.kind === 'DYNAMIC')
              .map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                </option>
              ))}
          </select>
        </div>
        {sized ? <Chart {...sizeChart(sized.name, sized.sizeOverTime)} /> : null}
      </Section>
    </Page>
  );
}
