// The signed-in user and the CSRF token, shared by the whole app (a reactive object, no store library).
import { reactive } from 'vue'
import type { Me, SessionReply } from './api/types'

export const session = reactive({
  me: null as Me | null,
  csrf: '',
  loaded: false, // GET /api/auth/me has been tried once
})

export function setSession(reply: SessionReply): void {
  session.me = reply.user
  session.csrf = reply.csrf_token
  session.loaded = true
}

export function clearSession(): void {
  session.me = null
  session.csrf = ''
}

export function hasPerm(perm: string | undefined | null): boolean {
  if (!perm) return true
  return !!session.me && session.me.permissions.includes(perm)
}
