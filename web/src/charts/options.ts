// The charts' options, built from the API's numbers: pure functions (tested in Vitest), typed by
// ECharts' own option types (type-only imports: no chart code in the pages' chunks).
import type { BarSeriesOption, FunnelSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The console's colours (styles.css): the accent, and a grey for what is compared with. */
export const COLORS = { accent: '#0b5cad', target: '#8c959f', ok: '#116329' } as const;

const FONT = {
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
};

/** Grouped bars: one group per category, one bar per series (e.g. certified and target). */
export const groupedBars = (o: {
  categories: string[];
  series: { name: string; values: (number | null)[]; color: string }[];
}): ChartOption => ({
  textStyle: FONT,
  animation: false,
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { top: 0 },
  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: o.categories },
  yAxis: { type: 'value', minInterval: 1 },
  series: o.series.map((s) => ({
    type: 'bar',
    name: s.name,
    data: s.values,
    itemStyle: { color: s.color },
    label: { show: true, position: 'top' },
  })),
});

/** Horizontal bars of one series (a count per category, top to bottom in the given order). */
export const horizontalBars = (o: {
  categories: string[];
  values: number[];
  name: string;
  color?: string;
}): ChartOption => ({
  textStyle: FONT,
  animation: false,
  tooltip: { trigger: 'item' },
  grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', data: o.categories, inverse: true },
  series: [
    {
      type: 'bar',
      name: o.name,
      data: o.values,
      itemStyle: { color: o.color ?? COLORS.accent },
      label: { show: true, position: 'right' },
    },
  ],
});

/** A funnel of counts, in the stages' order (not sorted by size: a stage can be empty). */
export const funnel = (o: {
  stages: { name: string; value: number }[];
  name: string;
}): ChartOption => {
  const max = Math.max(1, ...o.stages.map((s) => s.value));
  return {
    textStyle: FONT,
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        name: o.name,
        sort: 'none',
        min: 0,
        max,
        minSize: '4%',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}', color: '#fff' },
        itemStyle: { borderWidth: 0 },
        data: o.stages.map((s, i) => ({
          name: s.name,
          value: s.value,
          itemStyle: { color: i === o.stages.length - 1 ? COLORS.ok : COLORS.accent },
        })),
      },
    ],
  };
};
