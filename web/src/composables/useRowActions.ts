// Actions on a row of a list page (delete, enable / disable, unlock, ...): an optional confirmation
// box, the API call, a success message, then e.g. the list's load(). A failed call is shown by the
// API wrapper (api/http.ts).
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'

export function useRowActions() {
  const { t } = useI18n()

  /** Asks in a warning box; `danger` makes the confirm button a red "delete". Whether confirmed. */
  async function confirm(message: string, { danger = false }: { danger?: boolean } = {}): Promise<boolean> {
    const buttons = danger
      ? { confirmButtonText: t('common.delete'), cancelButtonText: t('common.cancel'), confirmButtonClass: 'el-button--danger' }
      : { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel') }
    try {
      await ElMessageBox.confirm(message, t('common.confirmTitle'), { type: 'warning', ...buttons })
      return true
    } catch {
      return false
    }
  }

  /** Runs `action`; once it succeeded shows `done` and runs `then`. Whether it succeeded. */
  async function run(action: () => Promise<unknown>, done: string, then?: () => unknown): Promise<boolean> {
    try {
      await action()
      ElMessage.success(done)
      await then?.()
      return true
    } catch {
      return false /* shown by the wrapper */
    }
  }

  /** Confirms the deletion `message` asks about, deletes, says "deleted" and runs `then`. */
  async function confirmDelete(message: string, action: () => Promise<unknown>, then?: () => unknown): Promise<boolean> {
    return (await confirm(message, { danger: true })) && run(action, t('common.deleted'), then)
  }

  return { confirm, run, confirmDelete }
}
