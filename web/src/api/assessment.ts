// Assessment (考核): the API calls and types of /api/assessment (src/http/openapi.json). Scores are
// hundredths of a point (8375 = 83.75), weights basis points (1500 = 15 %).
import { http, download } from './http'

type Opts = Parameters<typeof http.post>[2]

export const INDICATORS = ['completion_on_time', 'satisfaction', 'reopen', 'tasks_on_time', 'projects_landed'] as const
export type Indicator = (typeof INDICATORS)[number]
export type Weights = Record<Indicator, number>

export interface Scheme {
  id: number // 0: the built-in weighting
  name: string
  weights: Weights
  is_default: boolean
  builtin: boolean
  created_by: number
  created_at: string | null
  updated_at: string | null
}
export interface SchemeInput {
  name: string
  weights: Weights
  is_default?: boolean
}
export interface IndicatorValue {
  numerator: number
  denominator: number
  score_hundredths: number | null // null: not applicable to the unit
}
export interface UnitScore {
  unit_id: number
  unit_name: string
  rank: number
  total_hundredths: number
  indicators: Record<Indicator, IndicatorValue>
}
export interface Ranking {
  month: string
  from: string
  to: string
  as_of: string
  restricted: boolean
  scheme: Scheme
  units: UnitScore[]
}
export interface RankingQuery {
  month: string
  scheme_id?: number
}

export const assessmentApi = {
  schemes: (opts?: Opts) => http.get<{ items: Scheme[] }>('/api/assessment/schemes', undefined, opts),
  createScheme: (body: SchemeInput, opts?: Opts) => http.post<Scheme>('/api/assessment/schemes', body, opts),
  updateScheme: (id: number, body: SchemeInput, opts?: Opts) => http.put<Scheme>(`/api/assessment/schemes/${id}`, body, opts),
  deleteScheme: (id: number) => http.del(`/api/assessment/schemes/${id}`),
  ranking: (query: RankingQuery, opts?: Opts) => http.get<Ranking>('/api/assessment/rankings', { ...query }, opts),
  exportRanking: (query: RankingQuery) =>
    download('/api/assessment/rankings.xlsx', { ...query }, `assessment-${query.month}.xlsx`),
}
