// Display helpers: API times are ISO 8601 in UTC and are shown in the browser's local time.
function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function isFuture(iso: string | null | undefined): boolean {
  if (!iso) return false
  const d = new Date(iso)
  return !Number.isNaN(d.getTime()) && d.getTime() > Date.now()
}

export function today(): string {
  const d = new Date()
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`
}

// Amounts: the API speaks whole yuan; the UI shows 万元 (10^4) or 亿元 (10^8), with clear labels.
export const WAN = 10_000
export const YI = 100_000_000

/** A number with thousands separators and at most `digits` decimals ("1,234.5"). */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  if (n === null || n === undefined || Number.isNaN(n)) return ''
  return n.toLocaleString('en-US', { maximumFractionDigits: digits })
}

/** Yuan shown in 万元 (no unit: the column or label names it). */
export function yuanToWan(yuan: number | null | undefined, digits = 2): string {
  return yuan === null || yuan === undefined ? '' : formatNumber(yuan / WAN, digits)
}

/** Yuan shown in 亿元 (no unit). */
export function yuanToYi(yuan: number | null | undefined, digits = 2): string {
  return yuan === null || yuan === undefined ? '' : formatNumber(yuan / YI, digits)
}

/** A figure typed in 万元 / 亿元 (`unit`) back to whole yuan for the API. */
export function toYuan(value: number | null | undefined, unit: number): number {
  if (value === null || value === undefined || Number.isNaN(value)) return 0
  return Math.round(value * unit)
}

/** A 0–1 share as a whole percentage ("93%"). */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return ''
  return `${Math.round(share * 100)}%`
}

/** A 0–1 share as a percentage with two decimals, rounded half up ("14.29%"), as docs/kpi.md says. */
export function percent2(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return ''
  return `${(Math.round(share * 10000 + 1e-7) / 100).toFixed(2)}%`
}

/** A local calendar day as yyyy-mm-dd. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A span of milliseconds as whole days, hours and minutes. */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.floor(Math.abs(ms) / 60000)
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 }
}
