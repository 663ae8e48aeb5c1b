// The investment pipeline (招商项目) and promotion events (推介会): the API calls and types of
// /api/investment-projects, /api/investment-board, /api/investment-batch-start,
// /api/promotion-events and /api/promotion-event-figures (src/http/openapi.json).
import { http, download, upload, type Query } from './http'
import type { ImportMode, ImportReport, Job, Page, SheetFormat } from './types'

type Opts = Parameters<typeof http.post>[2]

export type Stage = 'lead' | 'negotiating' | 'signed' | 'started' | 'funded' | 'producing'
export const STAGES: Stage[] = ['lead', 'negotiating', 'signed', 'started', 'funded', 'producing']
export type Purpose = 'chain_fill' | 'chain_extend' | 'chain_strengthen'
export const PURPOSES: Purpose[] = ['chain_fill', 'chain_extend', 'chain_strengthen']

export interface Project {
  id: number
  name: string
  investor_id: number
  investor_name: string
  investor_credit_code: string
  chain_id: number
  chain_name: string
  segment_id: number
  segment_name: string
  purpose: Purpose
  agreed_amount: number
  paid_in_amount: number
  stage: Stage
  stage_on: string
  signed_on: string | null
  event_id: number | null
  event_name: string
  unit_id: number
  unit_name: string
  contact: string
  note: string
  created_at: string
  updated_at: string
}
export interface StageChange {
  id: number
  from: Stage | null
  to: Stage
  on: string
  reason: string
  by: number
  by_name: string
  at: string
}
export interface ProjectDetail extends Project {
  history: StageChange[]
  investor_local_member: boolean
}
export interface ProjectInput {
  name: string
  investor_id?: number | null
  chain_id: number
  segment_id: number
  purpose: Purpose
  agreed_amount: number
  paid_in_amount?: number
  confirm_paid_in_above_agreed?: boolean
  event_id?: number | null
  unit_id?: number | null
  contact?: string
  note?: string
  stage?: Stage
  stage_on?: string
}
export interface ProjectQuery extends Query {
  q?: string
  chain_id?: number | null
  segment_id?: number | null
  event_id?: number | null
  stage?: Stage | ''
  purpose?: Purpose | ''
  signed_from?: string
  signed_to?: string
  page?: number
  page_size?: number
}
export interface BoardColumn {
  stage: Stage
  count: number
  agreed_amount: number
  projects: Project[]
}
export interface PromotionEvent {
  id: number
  name: string
  held_on: string
  city: string
  chain_id: number | null
  chain_name: string
  unit_ids: number[]
  unit_names: string[]
  invited_count: number
  invited_firms: string[]
  note: string
  projects_signed: number
  amount_signed: number
  created_at: string
  updated_at: string
}
export interface PromotionEventDetail extends PromotionEvent {
  projects: Project[]
}
export interface PromotionEventInput {
  name: string
  held_on: string
  city: string
  chain_id?: number | null
  unit_ids: number[]
  invited_count?: number
  invited_firms?: string[]
  note?: string
}
export interface EventFigureRow {
  year: number
  chain_id: number | null
  chain_name: string
  events: number
  invited: number
  projects_signed: number
  amount_signed: number
}

export const investmentApi = {
  list: (query: ProjectQuery, opts?: Opts) => http.get<Page<Project>>('/api/investment-projects', query, opts),
  get: (id: number, opts?: Opts) => http.get<ProjectDetail>(`/api/investment-projects/${id}`, undefined, opts),
  create: (body: ProjectInput, opts?: Opts) => http.post<ProjectDetail>('/api/investment-projects', body, opts),
  update: (id: number, body: ProjectInput, opts?: Opts) =>
    http.put<ProjectDetail>(`/api/investment-projects/${id}`, body, opts),
  move: (id: number, body: { to: Stage; on?: string; reason?: string }, opts?: Opts) =>
    http.post<ProjectDetail>(`/api/investment-projects/${id}/stage`, body, opts),
  /** The filtered list (the list's query without paging) as a spreadsheet. */
  exportSheet: (query: ProjectQuery, format: SheetFormat) =>
    download('/api/investment-projects/export', { ...query, page: undefined, page_size: undefined, format },
      `investment-projects.${format}`),
  template: (format: SheetFormat) =>
    download('/api/investment-projects/template', { format }, `investment-projects-template.${format}`),
  /** Uploads the file; the server imports it as a background job, followed with jobApi.get. */
  importSheet: (file: Blob, mode: ImportMode, onProgress?: (share: number) => void) =>
    upload<Job<ImportReport>>('/api/investment-projects/import', { mode }, file, onProgress),
  board: (query: ProjectQuery, opts?: Opts) =>
    http.get<{ columns: BoardColumn[] }>('/api/investment-board', query, opts),
  batchStart: (body: { project_ids: number[]; on?: string; ceremony?: string }, opts?: Opts) =>
    http.post<{ projects: Project[] }>('/api/investment-batch-start', body, opts),
  events: (query: { q?: string; chain_id?: number | null; year?: number | null; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<Page<PromotionEvent>>('/api/promotion-events', query, opts),
  event: (id: number, opts?: Opts) => http.get<PromotionEventDetail>(`/api/promotion-events/${id}`, undefined, opts),
  createEvent: (body: PromotionEventInput, opts?: Opts) =>
    http.post<PromotionEventDetail>('/api/promotion-events', body, opts),
  updateEvent: (id: number, body: PromotionEventInput, opts?: Opts) =>
    http.put<PromotionEventDetail>(`/api/promotion-events/${id}`, body, opts),
  removeEvent: (id: number) => http.del(`/api/promotion-events/${id}`),
  figures: (query: { year?: number | null; chain_id?: number | null }, opts?: Opts) =>
    http.get<{ rows: EventFigureRow[] }>('/api/promotion-event-figures', query, opts),
}

// 亿元 with two decimals from yuan, for tables and cards ("12.00").
export function yi(yuan: number): string {
  return (yuan / 1e8).toFixed(2)
}
