// The policy set (1+2+N: 总体方案, 配套机制, 专项政策): the API calls and types of /api/policies,
// /api/policy-measures, /api/policy-matches and /api/policy-grants (src/http/openapi.json).
import { http, upload, type Query } from './http'
import type { Attachment, Page } from './types'

type Opts = Parameters<typeof http.post>[2]

export type PolicyType = 'overall_plan' | 'mechanism' | 'special'
export const POLICY_TYPES: PolicyType[] = ['overall_plan', 'mechanism', 'special']
export type SizeClass = 'micro' | 'small' | 'medium' | 'large'
export const SIZE_CLASSES: SizeClass[] = ['micro', 'small', 'medium', 'large']

export interface PolicyConditions {
  chains: number[]
  segments: number[]
  sizes: SizeClass[]
  regions: string[]
  local_only: boolean
  min_revenue_yuan: number
  min_employees: number
}
export interface PolicyMeasure {
  id: number
  policy_id: number
  position: number
  title: string
  content: string
  conditions: PolicyConditions
}
export interface PolicySummary {
  id: number
  doc_number: string
  issuer_unit_id: number
  issuer_name: string
  issued_on: string
  type: PolicyType
  chain_ids: number[]
  title: string
  created_at: string
  updated_at: string
  measure_count: number
  grant_count: number
  granted_yuan: number
}
export interface Policy extends Omit<PolicySummary, 'measure_count' | 'grant_count' | 'granted_yuan'> {
  text: string
  measures: PolicyMeasure[]
  /** the files of the document (PDF, Word …), oldest first */
  attachments: Attachment[]
}
export interface PolicyMeasureInput {
  id?: number
  title: string
  content?: string
  conditions?: Partial<PolicyConditions>
}
export interface PolicyInput {
  doc_number: string
  issuer_unit_id: number
  issued_on: string
  type: PolicyType
  chain_ids: number[]
  title: string
  text?: string
  measures: PolicyMeasureInput[]
  /** On create the staged uploads to attach; on update the complete set kept afterwards (current ones
   *  not listed are deleted); omitted: unchanged. */
  attachment_ids?: number[]
}
export interface PolicyQuery extends Query {
  q?: string
  type?: PolicyType
  chain_id?: number
  issuer_unit_id?: number
  year?: number
  page?: number
  page_size?: number
}
export interface PolicyEnterprise {
  id: number
  credit_code: string
  name: string
  region_code: string
  region_name: string
  local: boolean
  size: SizeClass
  revenue: number
  employees: number
}
export interface MeasureEnterprises extends Page<PolicyEnterprise> {
  measure: PolicyMeasure
  policy_title: string
}
export interface EnterpriseMeasure extends PolicyMeasure {
  policy_title: string
  doc_number: string
  policy_type: PolicyType
  applies: boolean
  failed: string | null
  reason: string
}
export interface PolicyGrant {
  id: number
  policy_id: number
  measure_id: number
  enterprise_id: number
  amount_yuan: number
  paid_on: string
  paid_by_unit_id: number
  paid_by_unit_name: string
  override_reason: string
  note: string
  policy_title: string
  doc_number: string
  measure_title: string
  enterprise_name: string
  credit_code: string
  created_at: string
}
export interface PolicyGrantInput {
  measure_id: number
  credit_code: string
  amount_yuan: number
  paid_on: string
  paid_by_unit_id?: number
  override?: boolean
  override_reason?: string
  note?: string
}
export interface GrantSum {
  id: number
  name: string
  code: string
  grants: number
  total_yuan: number
}
export interface GrantFigures {
  grants: number
  total_yuan: number
  by_enterprise: GrantSum[]
  by_policy: GrantSum[]
}

/** Largest document upload the server takes (else 413). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
/** What a policy attachment may be (the server judges by the bytes): the file picker's filter. */
export const DOCUMENT_ACCEPT = [
  '.pdf', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.wps', '.et', '.ofd', '.jpg', '.jpeg', '.png', '.webp',
  'application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/wps-office.wps', 'application/wps-office.et', 'application/ofd', 'image/jpeg', 'image/png', 'image/webp',
].join(',')

export const policyApi = {
  list: (query: PolicyQuery, opts?: Opts) => http.get<Page<PolicySummary>>('/api/policies', query, opts),
  get: (id: number, opts?: Opts) => http.get<Policy>(`/api/policies/${id}`, undefined, opts),
  create: (body: PolicyInput, opts?: Opts) => http.post<Policy>('/api/policies', body, opts),
  update: (id: number, body: PolicyInput, opts?: Opts) => http.put<Policy>(`/api/policies/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/policies/${id}`),
  /** Stages a file of the document (POST /api/attachments?kind=document, the raw bytes); a policy
   *  write attaches it by id (attachment_ids). Needs chain:policy:write. */
  stageDocument: (file: File, onProgress?: (share: number) => void, opts?: Opts) =>
    upload<Attachment>('/api/attachments', { kind: 'document', name: file.name }, file, onProgress, opts),
  measureEnterprises: (id: number, query: { page?: number; page_size?: number }, opts?: Opts) =>
    http.get<MeasureEnterprises>(`/api/policy-measures/${id}/enterprises`, query, opts),
  matches: (creditCode: string, all: boolean, opts?: Opts) =>
    http.get<{ enterprise: PolicyEnterprise; measures: EnterpriseMeasure[] }>('/api/policy-matches',
      { credit_code: creditCode, all: all ? 'true' : undefined }, opts),
  grants: (query: { policy_id?: number; measure_id?: number; enterprise_id?: number; page?: number; page_size?: number },
    opts?: Opts) => http.get<Page<PolicyGrant>>('/api/policy-grants', query, opts),
  recordGrant: (body: PolicyGrantInput, opts?: Opts) => http.post<PolicyGrant>('/api/policy-grants', body, opts),
  figures: (policyId?: number, opts?: Opts) =>
    http.get<GrantFigures>('/api/policy-grants/figures', { policy_id: policyId }, opts),
}
