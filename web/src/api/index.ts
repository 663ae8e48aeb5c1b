// One function per API call of the contract.
import { http, download, type Query } from './http'
import type {
  Items, LoginLog, Me, OperationLog, Page, Permission, Position, Region, Role, Scope, SessionReply, Unit,
  UnitInput, User, VerifyResult,
} from './types'

export * from './types'
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
  get: (code: string) => http.get<Region>(`/api/regions/${encodeURIComponent(code)}`),
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
  get: (id: number) => http.get<User>(`/api/users/${id}`),
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

export type { Me }
