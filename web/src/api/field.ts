// Field service for enterprises (特派员驻企帮扶, 营商环境联络): the API calls and types of /api/field
// (src/http/openapi.json). Problems are cases; their actions (the callback) go through caseApi.
import { http, type Query } from './http'
import type { CaseState, Page, Position } from './types'

type Opts = Parameters<typeof http.post>[2]

export type FieldRole = 'commissioner' | 'liaison_officer' | 'supervisor' | 'monitoring_point'
export const FIELD_ROLES: FieldRole[] = ['commissioner', 'liaison_officer', 'supervisor', 'monitoring_point']
export type FieldProgram = 'all' | 'commissioner' | 'liaison'

export interface FieldEnterprise {
  id: number
  credit_code: string
  name: string
  region_code: string
  region_name: string
}
export interface FieldTally {
  visits: number
  last_visited_on: string | null
  problems: number
  open_problems: number
  solved: number
}
export interface CommissionerAssignment {
  enterprise: FieldEnterprise
  commissioners: Position[]
  tally: FieldTally
}
export interface FieldProblemCase {
  case_id: number
  number: string
  channel: string
  category_code: string
  title: string
  state: CaseState
  chain_id: number | null
}
export interface FieldProblem extends FieldProblemCase {
  category_name: string
  lead_unit_name: string
  reply: string
  visit_id: number | null
  reporter_user_id: number | null
  outcome: string | null
  rating: number | null
  created_at: string
  closed_at: string | null
  solved: boolean
}
export interface FieldVisit {
  id: number
  enterprise_id: number
  visited_on: string
  visitor_user_id: number
  role: FieldRole
  summary: string
  policies: string[]
  help_given: string
  funds_paid_yuan: number
  workers_recruited: number
  problem_case_ids: number[]
  created_at: string
  credit_code: string
  enterprise_name: string
  visitor_name: string
}
export interface FieldRecord {
  enterprise: FieldEnterprise
  commissioners: Position[]
  my_role: FieldRole | null
  visits: FieldVisit[]
  problems: FieldProblem[]
  tally: FieldTally
}
export interface ServedEnterprise {
  enterprise: FieldEnterprise
  role: FieldRole | null
  tally: FieldTally
}
export interface FieldProblemInput {
  category_code: string
  title: string
  text: string
}
export interface FieldVisitInput {
  credit_code: string
  visited_on: string
  role?: FieldRole
  summary: string
  policies?: string[]
  help_given?: string
  funds_paid_yuan?: number
  workers_recruited?: number
  problems?: FieldProblemInput[]
}
export interface FieldFigures {
  commissioners: number
  enterprises_assigned: number
  liaison_officers: number
  supervisors: number
  monitoring_points: number
  enterprises_served: number
  visits: number
  funds_paid_yuan: number
  workers_recruited: number
  problems_raised: number
  problems_solved: number
}
export interface AssignmentQuery extends Query {
  q?: string
  region_code?: string
  assigned?: 'yes' | 'no' | ''
  commissioner_user_id?: number | null
  page?: number
  page_size?: number
}

export const fieldApi = {
  assignments: (query: AssignmentQuery, opts?: Opts) =>
    http.get<Page<CommissionerAssignment>>('/api/field/assignments', query, opts),
  assign: (body: { credit_code: string; user_id: number; reason?: string }, opts?: Opts) =>
    http.post<Position>('/api/field/assignments', body, opts),
  reassign: (body: { credit_code: string; from_user_id?: number; to_user_id: number; reason: string }, opts?: Opts) =>
    http.post<Position>('/api/field/assignments/reassign', body, opts),
  myEnterprises: (opts?: Opts) =>
    http.get<{ items: ServedEnterprise[] }>('/api/field/my-enterprises', undefined, opts),
  record: (creditCode: string, opts?: Opts) =>
    http.get<FieldRecord>(`/api/field/enterprises/${encodeURIComponent(creditCode)}`, undefined, opts),
  recordVisit: (body: FieldVisitInput, opts?: Opts) =>
    http.post<FieldVisit & { problems: FieldProblemCase[] }>('/api/field/visits', body, opts),
  figures: (query: { region_code?: string; from?: string; to?: string; program?: FieldProgram }, opts?: Opts) =>
    http.get<FieldFigures>('/api/field/figures', query, opts),
}
