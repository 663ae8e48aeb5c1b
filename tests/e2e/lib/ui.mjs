// Small helpers for the Element Plus controls of the web UI, addressed by data-testid.
export const byId = (id) => `[data-testid="${id}"]`

/** Signs in through the login form and waits for the home page. */
export async function login(page, baseURL, loginName, password) {
  await page.goto(`${baseURL}/login`)
  await page.locator(byId('login-name')).fill(loginName)
  await page.locator(byId('login-password')).fill(password)
  await page.locator(byId('login-submit')).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.locator(byId('home-welcome')).waitFor()
}

/** If the forced change-password dialog is open (password_expired), changes the password. */
export async function changePasswordIfForced(page, oldPassword, newPassword) {
  await page.waitForTimeout(300) // the layout opens the dialog right after it mounts
  if (!(await page.locator(byId('pwd-old')).isVisible())) return oldPassword
  await page.locator(byId('pwd-old')).fill(oldPassword)
  await page.locator(byId('pwd-new')).fill(newPassword)
  await page.locator(byId('pwd-confirm')).fill(newPassword)
  await page.locator(byId('pwd-save')).click()
  await page.locator(byId('pwd-old')).waitFor({ state: 'hidden' })
  return newPassword
}

/** Picks an option of an el-select: opens it, optionally types a search text, clicks the option. */
export async function pickOption(page, selectId, optionId, searchText) {
  const select = page.locator(byId(selectId))
  await select.click()
  if (searchText !== undefined) {
    await select.locator('input').fill(searchText)
  }
  // Options live in poppers teleported to the body, and two selects may render the same option
  // ids: a dropdown still fading out after the previous pick is visible too, so only poppers
  // that are not leaving count (under load the fade-out outlasts the next select's opening).
  const option = page.locator(`.el-popper:not([class*="-leave-active"]) ${byId(optionId)}:visible`).first()
  await option.waitFor()
  await option.click()
}

// ---- helpers shared by the page specs (regions, users-roles, positions, audit, lockout-password)

/** Rows of an el-table (by the table's data-testid), optionally only those containing a text. */
export function tableRows(page, tableId, hasText) {
  const rows = page.locator(`${byId(tableId)} .el-table__body-wrapper tr.el-table__row`)
  return hasText === undefined ? rows : rows.filter({ hasText })
}

/** Waits until a locator shows a text (string or RegExp) and returns its inner text. */
export async function waitForText(locator, text, timeout) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout })
  return locator.filter({ hasText: text }).first().innerText()
}

/** Waits for an ElMessage toast with the text (e.g. 已创建 after a save). */
export async function waitForToast(page, text) {
  await page.locator('.el-message', { hasText: text }).first().waitFor()
}

/** Clicks a button of the open ElMessageBox (confirm dialogs) and waits for the box to close. */
export async function answerMessageBox(page, buttonName) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.getByRole('button', { name: buttonName, exact: true }).click()
  await box.waitFor({ state: 'hidden' })
}

/** Opens a page through the side menu and waits for its URL. */
export async function openFromMenu(page, menuId, pathname) {
  await page.locator(byId(menuId)).click()
  await page.waitForURL((url) => url.pathname === pathname)
}

/** Picks an el-select option by its visible text (exact string or RegExp) in the open dropdown. */
export async function pickOptionByText(page, selectId, text) {
  await page.locator(byId(selectId)).click()
  const re = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: re }).first()
  await option.waitFor()
  await option.click()
}

/**
 * Fills and submits the login form (going to /login first unless already there) and returns the
 * HTTP status of POST /api/auth/login. Does not wait for the home page.
 */
export async function submitLogin(page, baseURL, loginName, password) {
  const onLoginPage = page.url().startsWith(baseURL) && new URL(page.url()).pathname === '/login'
  if (!onLoginPage) {
    await page.goto(`${baseURL}/login`)
  }
  await page.locator(byId('login-name')).fill(loginName)
  await page.locator(byId('login-password')).fill(password)
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.request().method() === 'POST'),
    page.locator(byId('login-submit')).click(),
  ])
  return res.status()
}

/** A login that must fail: returns the text of the error shown on the login page once it matches. */
export async function loginExpectingError(page, baseURL, loginName, password, expected) {
  const status = await submitLogin(page, baseURL, loginName, password)
  if (status < 400) throw new Error(`login as ${loginName} was expected to fail but got HTTP ${status}`)
  return waitForText(page.locator(byId('login-error')), expected)
}

/** Signs out through the user menu (confirming the dialog) and waits for the login page. */
export async function logout(page) {
  await page.locator(byId('user-menu')).click()
  await page.locator(`${byId('user-menu-logout')}:visible`).click()
  await answerMessageBox(page, '确定')
  await page.waitForURL((url) => url.pathname === '/login')
  await page.locator(byId('login-submit')).waitFor()
}

/** Clicks and waits for the answer to the request the click sends (e.g. a list's GET /api/positions). */
export async function clickAndWaitForApi(page, locator, pathname, method = 'GET') {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === pathname && r.request().method() === method),
    locator.click(),
  ])
  return res
}
