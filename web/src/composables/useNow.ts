// useNow: the current time as a ref that ticks every second, shared by every countdown on the page
// (one timer for all of them, stopped when the last user unmounts).
import { onBeforeUnmount, ref } from 'vue'

const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

export function useNow() {
  if (users++ === 0) {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), 1000)
  }
  onBeforeUnmount(() => {
    if (--users === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  })
  return now
}
