// The signed-in user's unread notification count, shared by the bell in the top bar and the pages
// whose actions send notifications: polled every 30 s while the bell is shown, and read again at
// once after an action (refreshUnread()).
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { notificationApi } from '../api'

export const POLL_MS = 30_000
const unread = ref(0)
let seq = 0

/** Reads the unread count now (errors leave the count as it was). */
export async function refreshUnread(): Promise<void> {
  const mine = ++seq
  try {
    const { unread: n } = await notificationApi.unreadCount({ silent: true, noAuthRedirect: true })
    if (mine === seq) unread.value = n
  } catch {
    /* keep the last count */
  }
}

/** The count, polled while the component using it is mounted. */
export function useUnreadCount() {
  let timer: ReturnType<typeof setInterval> | null = null
  onMounted(() => {
    refreshUnread()
    timer = setInterval(refreshUnread, POLL_MS)
  })
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer)
  })
  return { unread, refresh: refreshUnread }
}
