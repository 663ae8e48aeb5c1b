// The parts of ECharts the UI uses, registered once (tree-shaken: echarts/core plus only these).
// Add a chart type or component here when a page needs it.
import * as echarts from 'echarts/core'
import { GraphChart, type GraphSeriesOption } from 'echarts/charts'
import {
  GraphicComponent, LegendComponent, TooltipComponent,
  type GraphicComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([GraphChart, GraphicComponent, LegendComponent, TooltipComponent, SVGRenderer])

export type EChartsOption = echarts.ComposeOption<
  GraphSeriesOption | GraphicComponentOption | LegendComponentOption | TooltipComponentOption
>
export type { GraphSeriesOption }
export type ECElementEvent = echarts.ECElementEvent
export { echarts }
