// The parts of ECharts the UI uses, registered once (tree-shaken: echarts/core plus only these).
// Add a chart type or component here when a page needs it.
import * as echarts from 'echarts/core'
import {
  BarChart, GraphChart, LineChart, type BarSeriesOption, type GraphSeriesOption, type LineSeriesOption,
} from 'echarts/charts'
import {
  GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  type GraphicComponentOption, type GridComponentOption, type LegendComponentOption, type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([
  BarChart, GraphChart, LineChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  SVGRenderer,
])

export type EChartsOption = echarts.ComposeOption<
  | BarSeriesOption | GraphSeriesOption | LineSeriesOption | GraphicComponentOption | GridComponentOption
  | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>
export type { BarSeriesOption, GraphSeriesOption, LineSeriesOption }
export type ECElementEvent = echarts.ECElementEvent
export { echarts }
