import { useMemo } from 'react'
import { CanvasImage } from '@/components/canvas-image/canvas-image'
import { drawOnCanvas, type CanvasLike } from '@/services/drawing-kit'
import type { CategoryRow, TrendWeek } from '@/domain/dashboard'
import { barChart, CHART_COLORS, trendChart, type Series } from '../charts'

/** Drawing width (px of the 750 design width's scale); the image is shown at the page's width. */
const WIDTH = 690

export const TREND_SERIES: Series[] = [
  { key: 'created', label: '新增', color: CHART_COLORS.created },
  { key: 'closed', label: '销号', color: CHART_COLORS.closed },
  { key: 'lapsed', label: '到期未按期办结', color: CHART_COLORS.lapsed }
]

interface TrendData {
  weeks: TrendWeek[]
  fontSize: number
}

function drawTrend(canvas: CanvasLike, d: TrendData, ratio: number): void {
  drawOnCanvas(
    canvas,
    (m) =>
      trendChart(
        d.weeks.map((w) => ({ label: w.label, values: { created: w.created, closed: w.closed, lapsed: w.lapsed } })),
        TREND_SERIES,
        { width: WIDTH, fontSize: d.fontSize },
        m
      ),
    ratio
  )
}

interface BarsData {
  rows: CategoryRow[]
  fontSize: number
}

function drawCategories(canvas: CanvasLike, d: BarsData, ratio: number): void {
  drawOnCanvas(
    canvas,
    (m) =>
      barChart(
        d.rows.map((r) => ({ label: r.name, value: r.created })),
        { bar: CHART_COLORS.created },
        { width: WIDTH, fontSize: d.fontSize },
        m
      ),
    ratio
  )
}

/** 长辈模式 draws the charts' text larger. */
const fontSizeOf = (elder: boolean) => (elder ? 30 : 22)

export function TrendChart({ weeks, elder }: { weeks: TrendWeek[]; elder: boolean }) {
  const data = useMemo(() => ({ weeks, fontSize: fontSizeOf(elder) }), [weeks, elder])
  return (
    <CanvasImage
      data={data}
      draw={drawTrend}
      prefix='dashboard-trend'
      rootClass='dashboard-chart'
      failedText='趋势图没能画出来，数字见下方表格'
      alt='每周新增、销号、到期未按期办结趋势图'
      fileName='数据看板-周趋势.png'
    />
  )
}

export function CategoryChart({ rows, elder }: { rows: CategoryRow[]; elder: boolean }) {
  const data = useMemo(() => ({ rows, fontSize: fontSizeOf(elder) }), [rows, elder])
  return (
    <CanvasImage
      data={data}
      draw={drawCategories}
      prefix='dashboard-categories'
      rootClass='dashboard-chart'
      failedText='类别图没能画出来，数字见下方列表'
      alt='各类别问题数'
      fileName='数据看板-问题类别.png'
    />
  )
}
