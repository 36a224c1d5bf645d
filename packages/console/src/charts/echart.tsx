// Draws a ChartSpec with ECharts, imported piece by piece (echarts/core) so that only the
// charts used are bundled, in a chunk of their own. Labels sit on the data (heat-map cells,
// Sankey nodes, bar ends), so that no chart needs a legend to be read.
import { BarChart, HeatmapChart, LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartSpec } from './spec';

echarts.use([BarChart, HeatmapChart, LineChart, SankeyChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const PALETTE = ['#2457a6', '#2f855a', '#b7791f', '#c53030', '#6b46c1', '#2c7a7b'];

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    color: PALETTE,
    animation: false,
    tooltip: { trigger: spec.kind === 'line' || spec.kind === 'bar' ? 'axis' : 'item' },
    textStyle: { fontFamily: 'inherit' },
  };
  switch (spec.kind) {
    case 'line':
      return {
        ...base,
        grid: { left: 56, right: 96, top: 16, bottom: 40 },
        xAxis: { type: 'category', data: spec.x },
        yAxis: { type: 'value', name: spec.yName, minInterval: 1 },
        series: spec.series.map((series) => ({
          type: 'line',
          name: series.name,
          data: series.values,
          connectNulls: false,
          showSymbol: true,
          symbolSize: 5,
          endLabel: { show: true, formatter: '{a}' },
        })),
      };
    case 'bar':
      return {
        ...base,
        grid: { left: 110, right: 120, top: 8, bottom: 24 },
        xAxis: { type: 'value', name: spec.valueName },
        yAxis: { type: 'category', data: spec.categories, inverse: true },
        series: [
          { type: 'bar', data: spec.values.map((value, index) => ({ value, label: { show: true, position: 'right', formatter: spec.labels[index] } })) },
        ],
      };
    case 'heatmap': {
      const max = Math.max(1, ...spec.cells.map((cell) => cell.value));
      return {
        ...base,
        grid: { left: 64, right: 16, top: 8, bottom: 72 },
        xAxis: { type: 'category', data: spec.x, name: spec.xName, nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
        yAxis: { type: 'category', data: spec.y, name: spec.yName, nameLocation: 'middle', nameGap: 40, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max,
          calculable: false,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 120,
          text: [`more ${spec.valueName}`, 'fewer'],
          inRange: { color: ['#eef4fb', '#2457a6'] },
        },
        series: [
          {
            type: 'heatmap',
            name: spec.valueName,
            data: spec.cells.map((cell) => ({ value: [cell.x, cell.y, cell.value], label: { formatter: cell.label } })),
            label: { show: true, fontSize: 11, lineHeight: 15 },
          },
        ],
      };
    }
    case 'sankey':
      return {
        ...base,
        series: [
          {
            type: 'sankey',
            left: 8,
            right: 120,
            top: 8,
            bottom: 8,
            nodeGap: 10,
            emphasis: { focus: 'adjacency' },
            data: spec.nodes.map((name) => ({ name })),
            links: spec.links,
            label: { show: true, formatter: '{b}' },
            lineStyle: { color: 'gradient', opacity: 0.4 },
          },
        ],
      };
  }
}

export default function EChart({ spec, height }: { spec: ChartSpec; height: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(optionOf(spec));
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [spec]);
  return <div ref={element} style={{ height }} />;
}
