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

/** Who is offered the cockpit (驾驶舱): the city's readers, and chain readers in case they lead a chain
 *  (the UI does not know positions; the page explains a refusal). */
export const COCKPIT_PERMS = ['chain:cockpit:read', 'chain:chain:read'] as const

/** Whether the user holds the permission; with a list, any one of them. */
export function hasPerm(perm: string | readonly string[] | undefined | null): boolean {
  if (!perm) return true
  const me = session.me
  if (!me) return false
  return typeof perm === 'string' ? me.permissions.includes(perm) : perm.some((p) => me.permissions.includes(p))
}
