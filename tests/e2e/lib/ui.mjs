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
  const option = page.locator(`${byId(optionId)}:visible`).first()
  await option.waitFor()
  await option.click()
}
