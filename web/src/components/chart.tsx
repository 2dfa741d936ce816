import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../charts/options';

/**
 * An ECharts chart of `option`, drawn in SVG once the ECharts chunk has loaded. It is a picture
 * of numbers that a table beside it gives in full: hidden from assistive technology.
 */
export const Chart = ({
  option,
  height = 240,
  testId,
}: {
  option: ChartOption;
  height?: number;
  testId?: string;
}) => {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    void import('../charts/echarts').then(({ init }) => {
      if (gone || !element.current) return;
      chart.current = init(element.current, undefined, { renderer: 'svg' });
      chart.current.setOption(latest.current);
      element.current.dataset.ready = 'true';
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(element.current);
      }
    });
    return () => {
      gone = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={element}
      className="chart"
      style={{ height }}
      aria-hidden="true"
      data-testid={testId}
    />
  );
};
