// A segment's size over time as a chart (the editor and the analytics page show it).
import type { ChartData } from '../charts/spec';

/** A segment's members day by day (null before it was recorded). */
export function sizeChart(name: string, days: { date: string; size?: number | null }[]): ChartData {
  const last = days.at(-1)?.size;
  return {
    title: `Members of ${name}, day by day`,
    summary: `Members of ${name} over the last ${days.length} days${last == null ? '' : `, ${last} today`}.`,
    spec: { kind: 'line', x: days.map((day) => day.date), series: [{ name: 'members', values: days.map((day) => day.size ?? null) }], yName: 'members' },
    csv: { header: ['date', 'members'], rows: days.map((day) => [day.date, day.size ?? null]) },
    csvName: `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}-size.csv`,
  };
}
