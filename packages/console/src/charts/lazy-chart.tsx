// A chart on a page: the chart library (ECharts) is loaded only when a chart is first shown,
// and every chart has its CSV download and a text summary for screen readers.
import { lazy, Suspense, useId } from 'react';
import { saveBlob } from '../api/client';
import { toCsv, type ChartData } from './spec';

const EChart = lazy(() => import('./echart'));

export function Chart(props: ChartData & { height?: number }) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>
        <span>{props.title}</span>
        <button
          type="button"
          className="small"
          onClick={() => saveBlob(new Blob([toCsv(props.csv)], { type: 'text/csv' }), props.csvName)}
          aria-label={`Download "${props.title}" as CSV`}
        >
          CSV
        </button>
      </figcaption>
      <div role="img" aria-label={props.summary}>
        <Suspense fallback={<div className="chart-placeholder" style={{ height: props.height ?? 320 }} />}>
          <EChart spec={props.spec} height={props.height ?? 320} />
        </Suspense>
      </div>
    </figure>
  );
}
