// A promotion's report: redemptions, discount given and revenue, in all, day by day, by
// segment and by RFM group.
import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client';
import { Chart } from '../charts/lazy-chart';
import { graphql } from '../gql';
import { formatMoney, formatNumber, humanize, minorPerMajor } from '../ui/format';
import { ErrorNotice, Loading, Section } from '../ui/ui';

const ReportDocument = graphql(`
  query PromotionReport($id: ID!) {
    node(id: $id) {
      __typename
      ... on Promotion {
        currency
        report {
          redemptions discountGiven { formatted } revenue { formatted }
          byDay { date redemptions discountGiven { amount } revenue { amount } }
          bySegment { segment { id name } redemptions discountGiven { formatted } revenue { formatted } }
          byRfmGroup { group redemptions discountGiven { formatted } revenue { formatted } }
        }
      }
    }
  }
`);

type Line = { redemptions: number; discountGiven: { formatted: string }; revenue: { formatted: string } };

function Breakdown({ caption, label, lines }: { caption: string; label: string; lines: (Line & { name: string })[] }) {
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="number">
            Redemptions
          </th>
          <th scope="col" className="number">
            Discount given
          </th>
          <th scope="col" className="number">
            Revenue
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={4} className="muted">
              No redemptions yet.
            </td>
          </tr>
        ) : (
          lines.map((line) => (
            <tr key={line.name}>
              <th scope="row">{line.name}</th>
              <td className="number">{formatNumber(line.redemptions)}</td>
              <td className="number">{line.discountGiven.formatted}</td>
              <td className="number">{line.revenue.formatted}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function PromotionReport({ promotionId, name }: { promotionId: string; name: string }) {
  const report = useQuery({ queryKey: ['promotion-report', promotionId], queryFn: () => request(ReportDocument, { id: promotionId }) });
  const node = report.data?.node;
  if (report.error) return <ErrorNotice error={report.error} />;
  if (node?.__typename !== 'Promotion') return <Loading what="Loading the report" />;
  const { report: data, currency } = node;
  const days = data.byDay;
  return (
    <Section title="Report">
      <dl className="facts">
        <dt>Redemptions</dt>
        <dd>{formatNumber(data.redemptions)}</dd>
        <dt>Discount given</dt>
        <dd>{data.discountGiven.formatted}</dd>
        <dt>Revenue of those orders</dt>
        <dd>{data.revenue.formatted}</dd>
      </dl>
      <Chart
        title="The last 30 days"
        summary={`${name}: ${data.redemptions} redemptions in all; day by day over the last ${days.length} days.`}
        spec={{
          kind: 'line',
          x: days.map((day) => day.date),
          series: [
            { name: 'redemptions', values: days.map((day) => day.redemptions) },
            { name: `discount (${currency})`, values: days.map((day) => day.discountGiven.amount / minorPerMajor(currency)) },
          ],
          yName: '',
        }}
        csv={{
          header: ['date', 'redemptions', `discountGiven (${currency} minor units)`, `revenue (${currency} minor units)`],
          rows: days.map((day) => [day.date, day.redemptions, day.discountGiven.amount, day.revenue.amount]),
        }}
        csvName={`${name.replace(/[^A-Za-z0-9_-]+/g, '-')}-report.csv`}
        height={260}
      />
      <p className="small muted">
        Discount per day in {currency}, e.g.{' '}
        {formatMoney(
          days.reduce((sum, day) => sum + day.discountGiven.amount, 0),
          currency,
        )}{' '}
        over these days.
      </p>
      <div className="grid-2">
        <Breakdown
          caption="By segment (when redeeming)"
          label="Segment"
          lines={data.bySegment.map((line) => ({ ...line, name: line.segment?.name ?? '(deleted segment)' }))}
        />
        <Breakdown
          caption="By RFM group (now)"
          label="RFM group"
          lines={data.byRfmGroup.map((line) => ({ ...line, name: line.group ? humanize(line.group) : 'No group' }))}
        />
      </div>
    </Section>
  );
}
