// A minimal JSON client of the server's API, for arranging test data (a unit, a user) before the
// browser part of a spec. What a spec asserts on goes through the UI; this only sets the stage.
//   const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
//   const unit = await api.post('/api/units', {...})
export async function apiLogin(baseURL, login, password) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  if (!res.ok) throw new Error(`API login as ${login} failed: HTTP ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0]
  const { csrf_token: csrf } = await res.json()
  if (!cookie.startsWith('lz_session=')) throw new Error('API login did not set the lz_session cookie')

  async function call(method, path, body) {
    const headers = { Accept: 'application/json', Cookie: cookie }
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const r = await fetch(`${baseURL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await r.text()
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
    /** id of a role by its key */
    roleId: async (key) => {
      const role = (await call('GET', '/api/roles')).items.find((r) => r.key === key)
      if (!role) throw new Error(`no role ${key}`)
      return role.id
    },
  }
}
