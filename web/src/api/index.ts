// One function per API call of the contract.
import { http, download, upload, type Query } from './http'
import type {
  ApiKey, ApiKeyCreate, ApiKeyIssued, Attachment,
  BulkItemResult, CalendarDay, CalendarInfo, Case, CaseAction, CasePage, CaseCategory, CaseCategoryInput, CaseChannel,
  CaseChannelInput, CaseDetail, CaseInput, CaseRoute, InboxBox, InboxCounts, KpiBucket, KpiGroupBy, KpiReport,
  Notification, PublicCase, RegionLevel,
  Chain, ChainAnalysis, ChainAnalysisSummary, ChainDetail, ChainInput, Enterprise, EnterpriseInput, EnterpriseProfile,
  EnterpriseSaved, Exposure, ExposureDirection, ImportMode, ImportReport, Items, Job, LoginLog, Me, MemberRole, OperationLog, Page, Permission, Position,
  Region, Role, Scope, Segment, SegmentDetail, SegmentInput, SegmentLink, SessionReply, SheetFormat, SupplyLink,
  Target, Unit,
  UnitInput, User, VerifyResult,
} from './types'

export * from './types'
export * from './meetings'
export * from './demands'
export * from './field'
export * from './wishes'
export { ApiError } from './http'

type Opts = Parameters<typeof http.post>[2]

export const authApi = {
  login: (login: string, password: string) =>
    http.post<SessionReply>('/api/auth/login', { login, password }, { noAuthRedirect: true, silent: true }),
  logout: () => http.post<void>('/api/auth/logout', undefined, { noAuthRedirect: true }),
  me: () => http.get<SessionReply>('/api/auth/me', undefined, { silent: true, noAuthRedirect: true }),
  changePassword: (old_password: string, new_password: string, opts?: Opts) =>
    http.post<void>('/api/auth/password', { old_password, new_password }, opts),
}

export const regionApi = {
  children: (parent_code?: string) => http.get<Items<Region>>('/api/regions', { parent_code }),
  search: (q: string, opts?: Opts) => http.get<Items<Region>>('/api/regions', { q }, opts),
  get: (code: string, opts?: Opts) => http.get<Region>(`/api/regions/${encodeURIComponent(code)}`, undefined, opts),
  create: (body: { code: string; name: string; parent_code: string }, opts?: Opts) =>
    http.post<Region>('/api/regions', body, opts),
}

export interface UnitQuery extends Query {
  page?: number
  page_size?: number
  q?: string
  kind?: string
  region_code?: string
  parent_id?: number | null
}
export const unitApi = {
  list: (query: UnitQuery, opts?: Opts) => http.get<Page<Unit>>('/api/units', query, opts),
  get: (id: number, opts?: Opts) => http.get<Unit>(`/api/units/${id}`, undefined, opts),
  create: (body: UnitInput, opts?: Opts) => http.post<Unit>('/api/units', body, opts),
  update: (id: number, body: UnitInput, opts?: Opts) => http.put<Unit>(`/api/units/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/units/${id}`),
  exportCsv: (query: UnitQuery) => download('/api/units/export', query, 'units.csv'),
}

export interface UserCreate {
  login: string
  name: string
  phone: string | null
  unit_id: number
  role_ids: number[]
  scope: Scope
  password: string
}
export interface UserUpdate {
  name: string
  phone?: string | null
  unit_id: number
  role_ids: number[]
  scope: Scope
  status: 'active' | 'disabled'
}
export const userApi = {
  list: (query: Query, opts?: Opts) => http.get<Page<User>>('/api/users', query, opts),
  get: (id: number, opts?: Opts) => http.get<User>(`/api/users/${id}`, undefined, opts),
  create: (body: UserCreate, opts?: Opts) => http.post<User>('/api/users', body, opts),
  update: (id: number, body: UserUpdate, opts?: Opts) => http.put<User>(`/api/users/${id}`, body, opts),
  unlock: (id: number) => http.post<void>(`/api/users/${id}/unlock`),
  resetPassword: (id: number, new_password: string, opts?: Opts) =>
    http.post<void>(`/api/users/${id}/password`, { new_password }, opts),
}

export const roleApi = {
  list: (opts?: Opts) => http.get<Items<Role>>('/api/roles', undefined, opts),
  create: (body: { key: string; name: string; permissions: string[] }, opts?: Opts) =>
    http.post<Role>('/api/roles', body, opts),
  update: (id: number, body: { name: string; permissions: string[] }, opts?: Opts) =>
    http.put<Role>(`/api/roles/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/roles/${id}`),
  permissions: () => http.get<Items<Permission>>('/api/permissions'),
}

/** API keys of machine clients (Open311 apps); sys:apikey:write. */
export const apiKeyApi = {
  list: (opts?: Opts) => http.get<Items<ApiKey>>('/api/api-keys', undefined, opts),
  create: (body: ApiKeyCreate, opts?: Opts) => http.post<ApiKeyIssued>('/api/api-keys', body, opts),
  revoke: (id: number, opts?: Opts) => http.post<ApiKey>(`/api/api-keys/${id}/revoke`, undefined, opts),
}

export interface PositionInput {
  user_id: number
  kind: string
  context_type: string
  context_ref: string
  context_name: string
}
export const positionApi = {
  list: (query: Query, opts?: Opts) => http.get<Page<Position>>('/api/positions', query, opts),
  create: (body: PositionInput, opts?: Opts) => http.post<Position>('/api/positions', body, opts),
  remove: (id: number) => http.del(`/api/positions/${id}`),
}

export const auditApi = {
  logins: (query: Query) => http.get<Page<LoginLog>>('/api/audit/logins', query),
  operations: (query: Query) => http.get<Page<OperationLog>>('/api/audit/operations', query),
  verify: () => http.get<VerifyResult>('/api/audit/verify'),
}

export interface ChainQuery extends Query {
  page?: number
  page_size?: number
  q?: string
  region_code?: string
}
export const chainApi = {
  list: (query: ChainQuery, opts?: Opts) => http.get<Page<Chain>>('/api/chains', query, opts),
  get: (id: number, opts?: Opts) => http.get<ChainDetail>(`/api/chains/${id}`, undefined, opts),
  create: (body: ChainInput, opts?: Opts) => http.post<Chain>('/api/chains', body, opts),
  update: (id: number, body: ChainInput, opts?: Opts) => http.put<Chain>(`/api/chains/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/chains/${id}`),
  createSegment: (id: number, body: SegmentInput, opts?: Opts) =>
    http.post<Segment>(`/api/chains/${id}/segments`, body, opts),
  updateSegment: (id: number, segmentId: number, body: SegmentInput, opts?: Opts) =>
    http.put<Segment>(`/api/chains/${id}/segments/${segmentId}`, body, opts),
  removeSegment: (id: number, segmentId: number) => http.del(`/api/chains/${id}/segments/${segmentId}`),
  segment: (id: number, segmentId: number, opts?: Opts) =>
    http.get<SegmentDetail>(`/api/chains/${id}/segments/${segmentId}`, undefined, opts),
  link: (id: number, body: SegmentLink, opts?: Opts) => http.post<void>(`/api/chains/${id}/segment-links`, body, opts),
  unlink: (id: number, link: SegmentLink) =>
    http.del(`/api/chains/${id}/segment-links?from_segment_id=${link.from_segment_id}&to_segment_id=${link.to_segment_id}`),
  /** Completeness, breakpoints and leaks of every chain. */
  analyseAll: (opts?: Opts) => http.get<Items<ChainAnalysisSummary>>('/api/chain-analysis', undefined, opts),
  analyse: (id: number, opts?: Opts) => http.get<ChainAnalysis>(`/api/chains/${id}/analysis`, undefined, opts),
  targets: (id: number, segmentId: number, limit = 20, opts?: Opts) =>
    http.get<Items<Target>>(`/api/chains/${id}/segments/${segmentId}/targets`, { limit }, opts),
  /** The breakpoints and leaks as a spreadsheet. */
  exportGaps: (id: number, format: SheetFormat) =>
    download(`/api/chains/${id}/gaps/export`, { format }, `chain-${id}-gaps.${format}`),
  /** A gap's ranked targets with their reasons as a spreadsheet. */
  exportTargets: (id: number, segmentId: number, format: SheetFormat) =>
    download(`/api/chains/${id}/segments/${segmentId}/targets/export`, { format }, `chain-${id}-targets.${format}`),
}

export interface EnterpriseQuery extends Query {
  page?: number
  page_size?: number
  q?: string
  region_code?: string
  local?: '' | 'true' | 'false'
  size?: string
  segment_id?: number | null
  chain_id?: number | null
}
export interface ExposureQuery extends Query {
  direction: ExposureDirection
  hops: number
  reach: 'local' | 'all'
  limit?: number
}
export interface SupplyLinkInput {
  supplier_id: number
  buyer_id: number
  volume: number
  note: string
}
export const enterpriseApi = {
  list: (query: EnterpriseQuery, opts?: Opts) => http.get<Page<Enterprise>>('/api/enterprises', query, opts),
  get: (id: number, opts?: Opts) => http.get<EnterpriseProfile>(`/api/enterprises/${id}`, undefined, opts),
  create: (body: EnterpriseInput, opts?: Opts) => http.post<EnterpriseSaved>('/api/enterprises', body, opts),
  update: (id: number, body: EnterpriseInput, opts?: Opts) => http.put<EnterpriseSaved>(`/api/enterprises/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/enterprises/${id}`),
  setMembership: (id: number, segmentId: number, role: MemberRole, opts?: Opts) =>
    http.put<void>(`/api/enterprises/${id}/memberships/${segmentId}`, { role }, opts),
  removeMembership: (id: number, segmentId: number) => http.del(`/api/enterprises/${id}/memberships/${segmentId}`),
  exposure: (id: number, query: ExposureQuery, opts?: Opts) =>
    http.get<Exposure>(`/api/enterprises/${id}/exposure`, query, opts),
  /** The filtered list (the list's query without paging) as a spreadsheet. */
  exportSheet: (query: EnterpriseQuery, format: SheetFormat) =>
    download('/api/enterprises/export', { ...query, page: undefined, page_size: undefined, format }, `enterprises.${format}`),
  template: (format: SheetFormat) => download('/api/enterprises/template', { format }, `enterprises-template.${format}`),
  /** Uploads the file; the server imports it as a background job, followed with jobApi.get. */
  importSheet: (file: Blob, mode: ImportMode, onProgress?: (share: number) => void) =>
    upload<Job<ImportReport>>('/api/enterprises/import', { mode }, file, onProgress),
}

/** Background jobs (imports): progress, then the result or the error. Only their starter sees them. */
export const jobApi = {
  get: <R>(id: string, opts?: Opts) => http.get<Job<R>>(`/api/jobs/${encodeURIComponent(id)}`, undefined, opts),
}

export const supplyLinkApi = {
  create: (body: SupplyLinkInput, opts?: Opts) => http.post<SupplyLink>('/api/supply-links', body, opts),
  update: (id: number, body: { volume: number; note: string }, opts?: Opts) =>
    http.put<SupplyLink>(`/api/supply-links/${id}`, body, opts),
  remove: (id: number) => http.del(`/api/supply-links/${id}`),
}

// ---- casework (工单)

/** Channels, categories and the routing table (reading needs case:case:read, changes case:catalogue:write). */
export const caseCatalogueApi = {
  channels: (opts?: Opts) => http.get<Items<CaseChannel>>('/api/case-channels', undefined, opts),
  putChannel: (code: string, body: CaseChannelInput, opts?: Opts) =>
    http.put<CaseChannel>(`/api/case-channels/${encodeURIComponent(code)}`, body, opts),
  categories: (opts?: Opts) => http.get<Items<CaseCategory>>('/api/case-categories', undefined, opts),
  createCategory: (body: CaseCategoryInput, opts?: Opts) => http.post<CaseCategory>('/api/case-categories', body, opts),
  /** The code is not changed by an update. */
  updateCategory: (id: number, body: CaseCategoryInput, opts?: Opts) =>
    http.put<CaseCategory>(`/api/case-categories/${id}`, body, opts),
  removeCategory: (id: number) => http.del(`/api/case-categories/${id}`),
  /** Every category as a spreadsheet (the import template's columns). */
  exportCategories: (format: SheetFormat) =>
    download('/api/case-categories/export', { format }, `case-categories.${format}`),
  categoryTemplate: (format: SheetFormat) =>
    download('/api/case-categories/template', { format }, `case-categories-template.${format}`),
  /** Uploads the file (needs case:catalogue:write); the server imports it as a background job, followed with jobApi.get. */
  importCategories: (file: Blob, mode: ImportMode, onProgress?: (share: number) => void) =>
    upload<Job<ImportReport>>('/api/case-categories/import', { mode }, file, onProgress),
  routes: (opts?: Opts) => http.get<Items<CaseRoute>>('/api/case-routes', undefined, opts),
  /** Sets the unit of a category × region (replacing the rule for the same pair). */
  putRoute: (body: { category_id: number; region_code: string; unit_id: number }, opts?: Opts) =>
    http.post<CaseRoute>('/api/case-routes', body, opts),
  removeRoute: (id: number) => http.del(`/api/case-routes/${id}`),
}

export interface CaseQuery extends Query {
  page?: number
  page_size?: number
  /** number, title, or the reporter phone's last four digits */
  q?: string
  /** comma-separated states */
  state?: string
  unit_id?: number | null
  channel?: string
  category_code?: string
  region_code?: string
  /** the subject enterprise's chain */
  chain_id?: number | null
  /** accepted on or after / on or before these days (YYYY-MM-DD, China time) */
  accepted_from?: string
  accepted_to?: string
  /** only the cases open, not suspended and past their due time now */
  overdue?: boolean
  order?: 'newest' | 'due'
}
export const caseApi = {
  list: (query: CaseQuery, opts?: Opts) => http.get<CasePage>('/api/cases', query, opts),
  get: (id: number, opts?: Opts) => http.get<CaseDetail>(`/api/cases/${id}`, undefined, opts),
  byNumber: (number: string, opts?: Opts) =>
    http.get<CaseDetail>(`/api/cases/by-number/${encodeURIComponent(number)}`, undefined, opts),
  create: (body: CaseInput, opts?: Opts) => http.post<Case>('/api/cases', body, opts),
  act: (id: number, body: CaseAction, opts?: Opts) => http.post<Case>(`/api/cases/${id}/actions`, body, opts),
  /** The same action on several cases, each on its own: one result per case. */
  actOnMany: (ids: number[], action: CaseAction, opts?: Opts) =>
    http.post<Items<BulkItemResult>>('/api/cases/actions', { ids, action }, opts),
  inboxCounts: (unit_id?: number | null, opts?: Opts) => http.get<InboxCounts>('/api/cases/inbox', { unit_id }, opts),
  inbox: (box: InboxBox, query: { unit_id?: number | null; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<CasePage>(`/api/cases/inbox/${box}`, query, opts),
}

/** Photos of cases: staged by upload (the raw bytes), then attached by id in a case create or action. */
export const attachmentApi = {
  /** JPEG, PNG or WebP (judged by the bytes), at most 10 MiB; metadata such as GPS is removed. */
  stage: (file: Blob, name: string, onProgress?: (share: number) => void, opts?: Opts) =>
    upload<Attachment>('/api/attachments', { name }, file, onProgress, opts),
}

export const notificationApi = {
  list: (query: { unread?: 'true' | 'false'; page?: number; page_size?: number }, opts?: Opts) =>
    http.get<Page<Notification>>('/api/notifications', query, opts),
  unreadCount: (opts?: Opts) => http.get<{ unread: number }>('/api/notifications/unread-count', undefined, opts),
  /** Marks these as read; no ids: all of them. */
  markRead: (ids: number[], opts?: Opts) => http.post<{ marked: number }>('/api/notifications/read', { ids }, opts),
}

export const calendarApi = {
  info: (opts?: Opts) => http.get<CalendarInfo>('/api/calendar', undefined, opts),
  /** Every day from `from` to `to` (yyyy-mm-dd, at most 366 days). */
  days: (from: string, to: string, opts?: Opts) => http.get<Items<CalendarDay>>('/api/calendar/days', { from, to }, opts),
  /** Loads a year's schedule: the iCalendar file's text. */
  loadYear: (year: number, file_name: string, content: string, opts?: Opts) =>
    http.put<CalendarInfo>(`/api/calendar/years/${year}`, { file_name, content }, opts),
}

export interface KpiQuery extends Query {
  from: string
  to: string
  by?: KpiGroupBy
  unit_id?: number | null
  channel?: string
  category_code?: string
  region_code?: string
  chain_id?: number | null
  category_level?: number
  region_level?: RegionLevel
  bucket?: KpiBucket | ''
}
export const kpiApi = {
  get: (query: KpiQuery, opts?: Opts) => http.get<KpiReport>('/api/kpi', query, opts),
  /** The same figures as an xlsx file. */
  exportSheet: (query: KpiQuery) => download('/api/kpi/export', query, `kpi-${query.from}-${query.to}.xlsx`),
}

export type { Me }

export const publicApi = {
  /** A case's progress by its number and the last four digits of the reporter's phone (no account). */
  lookupCase: (number: string, phone_last4: string) =>
    http.post<PublicCase>('/api/public/case-lookups', { number, phone_last4 }, { silent: true, noAuthRedirect: true }),
}
