// Apache ECharts, only the parts the console draws (bars, the funnel, axes, tooltip, legend,
// SVG): imported by components/chart.tsx on demand, so it is a chunk of its own that the first
// page never loads.
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
