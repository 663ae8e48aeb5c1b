// Admin walk-through in a real browser against the real server: sign in, Chinese UI, switch to
// English (remembered across a reload), create a unit (kind department, region 吉安市 3608 chosen by
// search) and find it again through the list's search form.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test admin.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, withArtifacts } from './lib/browser.mjs'
import { byId, login, changePasswordIfForced, pickOption } from './lib/ui.mjs'

let server
let browser
let page
let password = ADMIN_PASSWORD
const unitName = `e2e测试单位-${Date.now()}`

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(15000)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

test('admin signs in and sees the Chinese UI', async () => {
  await withArtifacts(page, 'admin-login', async () => {
    await login(page, server.baseURL, ADMIN_LOGIN, password)
    password = await changePasswordIfForced(page, password, `${ADMIN_PASSWORD}-new-1`)
    const units = page.locator(byId('menu-units'))
    await units.waitFor()
    assert.match(await units.innerText(), /单位管理/)
    assert.match(await page.locator(byId('menu-users')).innerText(), /用户管理/)
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
  }, server.output)
})

test('switching to English relabels the menu and is remembered', async () => {
  await withArtifacts(page, 'admin-english', async () => {
    await page.locator(byId('lang-switch')).click()
    await page.locator(`${byId('lang-en')}:visible`).click()
    const units = page.locator(byId('menu-units'))
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('Units'), byId('menu-units'))
    assert.match(await units.innerText(), /^\s*Units\s*$/)
    await page.reload()
    await page.locator(byId('menu-units')).waitFor()
    assert.match(await page.locator(byId('menu-units')).innerText(), /Units/)
    assert.match(await page.locator(byId('lang-switch')).innerText(), /English/)
  }, server.output)
})

test('admin creates a unit and finds it by search', async () => {
  await withArtifacts(page, 'admin-create-unit', async () => {
    await page.locator(byId('menu-units')).click()
    await page.waitForURL((url) => url.pathname === '/org/units')
    await page.locator(byId('units-table')).waitFor()

    await page.locator(byId('units-create')).click()
    await page.locator(byId('unit-form-name')).fill(unitName)
    await pickOption(page, 'unit-form-kind', 'kind-option-department')
    await pickOption(page, 'unit-form-region', 'region-option-3608', '吉安市')
    await page.locator(byId('unit-form-save')).click()
    await page.locator(byId('unit-form-name')).waitFor({ state: 'hidden' })

    await page.locator(byId('units-search-q')).fill(unitName)
    await page.locator(byId('units-search-btn')).click()
    const row = page.locator(`${byId('units-table')} .el-table__body tr`, { hasText: unitName })
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    const text = await row.first().innerText()
    assert.match(text, /Department/)
    assert.match(text, /吉安市/)
  }, server.output)
})
