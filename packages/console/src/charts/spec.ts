// What a chart shows, independent of the chart library: the pages build these, the lazily
// loaded chart module draws them, and the same rows are exported as CSV.

export type ChartSpec =
  | { kind: 'line'; x: string[]; series: { name: string; values: (number | null)[] }[]; yName: string }
  | { kind: 'bar'; categories: string[]; values: number[]; valueName: string; labels: string[] }
  | {
      kind: 'heatmap';
      xName: string;
      yName: string;
      x: string[];
      y: string[];
      cells: { x: number; y: number; value: number; label: string }[];
      valueName: string;
    }
  | { kind: 'sankey'; nodes: string[]; links: { source: string; target: string; value: number }[] };

export interface ChartData {
  title: string;
  /** One sentence a screen reader reads instead of the picture. */
  summary: string;
  spec: ChartSpec;
  csv: { header: string[]; rows: (string | number | null)[][] };
  csvName: string;
}

export function toCsv({ header, rows }: ChartData['csv']): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
