// The one HTTP wrapper of the UI: JSON in and out, the X-CSRF-Token header on every unsafe method,
// errors turned into Element Plus messages (message + field) and a redirect to /login on 401.
import { ElMessage } from 'element-plus'
import { i18n } from '../i18n'
import { session, clearSession } from '../session'

export class ApiError extends Error {
  status: number
  code: string
  field: string | null
  constructor(status: number, code: string, message: string, field: string | null) {
    super(message)
    this.status = status
    this.code = code
    this.field = field
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Do not show an error message (the caller handles it). */
  silent?: boolean
  /** A 401 is an expected answer here (login, session probe): no redirect. */
  noAuthRedirect?: boolean
  /** Field errors of the form being submitted: when error.field is one of its keys, it is set there. */
  fieldErrors?: Record<string, string>
}

let onUnauthenticated: (() => void) | null = null
/** Registered by the router: where to go when the session has ended. */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.append(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function t(key: string, values?: Record<string, unknown>): string {
  return values ? i18n.global.t(key, values) : i18n.global.t(key)
}

async function errorFrom(res: Response): Promise<ApiError> {
  let code = ''
  let message = ''
  let field: string | null = null
  try {
    const body = await res.json()
    if (body && body.error) {
      code = body.error.code || ''
      message = body.error.message || ''
      field = body.error.field ?? null
    }
  } catch {
    /* not JSON */
  }
  if (!code) code = res.status === 401 ? 'unauthenticated' : res.status === 403 ? 'permission_denied' : res.status === 404 ? 'not_found' : res.status >= 500 ? 'internal' : 'invalid_argument'
  if (!message) {
    const key = `enums.errorCode.${code}`
    message = i18n.global.te(key) ? t(key) : `HTTP ${res.status}`
  }
  return new ApiError(res.status, code, message, field)
}

let lastUnauthAt = 0

function matchField(field: string | null, errors: Record<string, string> | undefined): string | null {
  if (!field || !errors) return null
  const has = (k: string) => Object.prototype.hasOwnProperty.call(errors, k)
  if (has(field)) return field
  const base = field.split(/[.[]/)[0]
  return has(base) ? base : null
}

function report(err: ApiError, opts: RequestOptions): void {
  // A 401 naming a field of the form (e.g. a wrong old_password) is a credential error, not the end
  // of the session.
  // "scope.unit_ids" or "role_ids[0]" lands on the form item "scope" / "role_ids".
  const formKey = matchField(err.field, opts.fieldErrors)
  const formField = formKey !== null
  if (err.status === 401 && !opts.noAuthRedirect && !formField) {
    clearSession()
    // Several requests may fail at once: one message, one redirect.
    const now = Date.now()
    if (now - lastUnauthAt > 2000) {
      lastUnauthAt = now
      ElMessage.warning(t('common.sessionExpired'))
      onUnauthenticated?.()
    }
    return
  }
  let shownInForm = false
  if (formKey !== null && opts.fieldErrors) {
    opts.fieldErrors[formKey] = err.message
    shownInForm = true
  }
  if (opts.silent) return
  const text = err.field && !shownInForm ? err.message + t('common.fieldSuffix', { field: err.field }) : err.message
  ElMessage({ type: 'error', message: text, grouping: true, showClose: true, duration: 5000 })
}

async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept }
  let body: BodyInit | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers['X-CSRF-Token'] = session.csrf
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    const err = new ApiError(0, 'unavailable', t('common.networkError'), null)
    report(err, opts)
    throw err
  }
  if (!res.ok) {
    const err = await errorFrom(res)
    report(err, opts)
    throw err
  }
  return res
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, 'application/json')
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}

/** Downloads a file answer (e.g. a CSV export) and saves it under the server's file name. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send('GET', path, { query }, '*/*')
  const blob = await res.blob()
  let name = fallbackName
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd)
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd)
  if (star) name = decodeURIComponent(star[1])
  else if (plain) name = plain[1]
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

/**
 * Uploads a file as the request body (application/octet-stream) and returns the JSON answer.
 * XMLHttpRequest rather than fetch, for the upload progress: `onProgress` gets 0–1 while the
 * bytes go out. Errors are reported like every other request (message, 401 → login).
 */
export function upload<T>(path: string, query: Query | undefined, file: Blob, onProgress?: (share: number) => void,
  opts: RequestOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, query))
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    if (session.csrf) xhr.setRequestHeader('X-CSRF-Token', session.csrf)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => {
      const err = new ApiError(0, 'unavailable', t('common.networkError'), null)
      report(err, opts)
      reject(err)
    }
    xhr.onload = async () => {
      const res = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || 'application/json' },
      })
      if (!res.ok) {
        const err = await errorFrom(res)
        report(err, opts)
        reject(err)
        return
      }
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
      } catch (e) {
        reject(e)
      }
    }
    xhr.send(file)
  })
}
