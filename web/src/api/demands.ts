// Enterprise demands (企业诉求) and the chain leader's view: the API calls and types of
// /api/enterprise-demands and /api/chains/{id}/problems, /api/chains/{id}/pain-points
// (src/http/openapi.json).
import { http, type Query } from './http'
import type { CaseState, NamedSegment, Page, PublicCase } from './types'

type Opts = Parameters<typeof http.post>[2]

export type DemandStatus = 'all' | 'in_progress' | 'to_rate' | 'done'
export const DEMAND_STATUSES: DemandStatus[] = ['all', 'in_progress', 'to_rate', 'done']

export interface DemandForm {
  enterprises: { id: number; credit_code: string; name: string; region_code: string }[]
  categories: { code: string; name: string; parent_code: string }[]
}
export interface DemandInput {
  enterprise_credit_code?: string
  category_code: string
  title: string
  text: string
  address?: string
  contact_name?: string
  contact_phone?: string
}
export interface DemandRef {
  id: number
  number: string
  state: CaseState
  rating: number | null
}
export interface DemandSummary {
  id: number
  number: string
  title: string
  category_code: string
  category_name: string
  enterprise_id: number | null
  enterprise_name: string
  state: CaseState
  unit_name: string | null
  created_at: string
  due_at: string | null
  replied_at: string | null
  closed_at: string | null
  rating: number | null
  /** replied, and this account filed it */
  can_rate: boolean
}
export interface DemandDetail extends DemandSummary {
  text: string
  address: string
  contact_name: string
  contact_phone: string
  enterprise_credit_code: string
  filed_by_me: boolean
  progress: PublicCase
}
export interface DemandQuery extends Query {
  status?: DemandStatus
  enterprise_credit_code?: string
  page?: number
  page_size?: number
}

export const demandApi = {
  form: (opts?: Opts) => http.get<DemandForm>('/api/enterprise-demands/form', undefined, opts),
  list: (query: DemandQuery, opts?: Opts) => http.get<Page<DemandSummary>>('/api/enterprise-demands', query, opts),
  get: (id: number, opts?: Opts) => http.get<DemandDetail>(`/api/enterprise-demands/${id}`, undefined, opts),
  file: (body: DemandInput, opts?: Opts) => http.post<DemandRef>('/api/enterprise-demands', body, opts),
  rate: (id: number, rating: number, note?: string, opts?: Opts) =>
    http.post<DemandRef>(`/api/enterprise-demands/${id}/rating`, { rating, note }, opts),
}

/** chain_leader: every case of the chain; data_scope: the cases in the caller's data scope. */
export type ProblemScope = 'chain_leader' | 'data_scope'

export interface ChainProblem {
  case_id: number
  number: string
  title: string
  channel: string
  category_code: string
  category_name: string
  state: CaseState
  enterprise_id: number | null
  enterprise_name: string
  segments: NamedSegment[]
  lead_unit_id: number | null
  lead_unit_name: string | null
  created_at: string
  due_at: string | null
  overdue: boolean
  escalation: string
}
export interface ChainProblemQuery extends Query {
  overdue?: 'true' | ''
  segment_id?: number | null
  enterprise_id?: number | null
  unit_id?: number | null
  page?: number
  page_size?: number
}
export interface SegmentLoad {
  unresolved: number
  overdue: number
  enterprises: number
  weight: number
  share_percent: number
  pain_point: boolean
}
export interface ChainPainPoints {
  scope: ProblemScope
  rule: { min_weight: number; min_share_percent: number }
  unresolved: number
  overdue: number
  weight: number
  unplaced_unresolved: number
  unplaced_overdue: number
  pain_point_count: number
  segments: (NamedSegment & { load: SegmentLoad })[]
}

export const chainProblemApi = {
  problems: (chainId: number, query: ChainProblemQuery, opts?: Opts) =>
    http.get<Page<ChainProblem> & { scope: ProblemScope }>(`/api/chains/${chainId}/problems`, query, opts),
  painPoints: (chainId: number, opts?: Opts) =>
    http.get<ChainPainPoints>(`/api/chains/${chainId}/pain-points`, undefined, opts),
}
