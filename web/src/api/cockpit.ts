// The leaders' cockpit (驾驶舱): the API calls and types of GET /api/cockpit and
// PUT /api/chains/{id}/signing-targets/{year} (src/http/openapi.json). Amounts are whole yuan.
import { http } from './http'
import type { Stage } from './investment'

type Opts = Parameters<typeof http.post>[2]

export interface CockpitHealth {
  segment_count: number
  covered_count: number
  /** covered / segments, 0–1 */
  completeness: number
  breakpoint_count: number
  leak_count: number
  local_enterprise_count: number
  local_revenue: number
  target_revenue: number
  target_year: number
}
export interface CockpitStage {
  stage: Stage
  count: number
  agreed_amount: number
  paid_in_amount: number
}
export interface CockpitProjects {
  /** the six stages in pipeline order */
  by_stage: CockpitStage[]
  signed_count: number
  signed_amount: number
  /** the year's signing target in yuan; 0 = none set */
  signing_target: number
  /** months 1–12 */
  signed_by_month: { month: number; count: number; amount: number }[]
}
export interface CockpitEvents {
  count: number
  invited: number
  projects_signed: number
  amount_signed: number
}
export interface CockpitCases {
  received: number
  open: number
  overdue: number
  closed: number
  closed_on_time: number
  rated: number
  satisfied: number
  satisfaction_rate: number | null
  completion_on_time_rate: number | null
}
export interface CockpitFigures {
  health: CockpitHealth
  projects: CockpitProjects
  events: CockpitEvents
  cases: CockpitCases
  tasks: { open: number; overdue: number }
}
export interface CockpitChain extends CockpitFigures {
  chain: { id: number; name: string; lead_unit_name: string; example: boolean }
}
export interface Cockpit {
  year: number
  /** the moment overdue was judged at (ISO 8601) */
  as_of: string
  scope: 'city' | 'chain_leader'
  chains: CockpitChain[]
  total: CockpitFigures
}

export const cockpitApi = {
  get: (query: { year?: number | null; chain_id?: number | null }, opts?: Opts) =>
    http.get<Cockpit>('/api/cockpit', query, opts),
  /** amount in yuan (≥ 0); 0 clears the target */
  setTarget: (chainId: number, year: number, amount: number, opts?: Opts) =>
    http.put<unknown>(`/api/chains/${chainId}/signing-targets/${year}`, { amount }, opts),
}
