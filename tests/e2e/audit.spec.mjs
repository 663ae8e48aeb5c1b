// Audit pages in a real browser against the real server: after a failed and then a successful admin
// login, the login log lists both (newest first, with the reason of the failure) and filters by result;
// a unit created through the units page shows up in the operation log as unit.create (filterable by
// action); the "verify chain" button reports an intact hash chain.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test audit.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import {
  byId, login, pickOption, pickOptionByText, openFromMenu, tableRows, waitForText, waitForToast,
  loginExpectingError, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
let loginTotal = 0 // rows of the login log, as its pager shows them
const UNIT_NAME = `e2e审计测试单位${Date.now() % 1000000}`

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The row count the list's pager shows (共 N 条). */
async function pagerTotal() {
  const text = await page.locator('.pager .el-pagination__total').innerText()
  const m = /(\d+)/.exec(text)
  assert.ok(m, `pager total: ${text}`)
  return Number(m[1])
}

test('a wrong password is refused on the login page, then the right one signs in', async () => {
  await withArtifacts(page, 'audit-logins', async () => {
    const message = await loginExpectingError(page, server.baseURL, ADMIN_LOGIN, 'not-the-admin-password', /wrong/)
    assert.match(message, /wrong login name or password/)
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  }, server.output)
})

test('admin creates a unit through the units page', async () => {
  await withArtifacts(page, 'audit-create-unit', async () => {
    await openFromMenu(page, 'menu-units', '/org/units')
    await tableRows(page, 'units-table').first().waitFor()
    await page.locator(byId('units-create')).click()
    const dialog = page.locator(byId('unit-dialog'))
    await dialog.waitFor()
    await page.locator(byId('unit-form-name')).fill(UNIT_NAME)
    await pickOption(page, 'unit-form-kind', 'kind-option-department')
    await pickOption(page, 'unit-form-region', 'region-option-3608', '吉安市')
    await page.locator(byId('unit-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })
    await tableRows(page, 'units-table', UNIT_NAME).first().waitFor()
  }, server.output)
})

test('the login log lists the failed and the successful login', async () => {
  await withArtifacts(page, 'audit-login-log', async () => {
    await openFromMenu(page, 'menu-audit-logins', '/audit/logins')
    const rows = tableRows(page, 'logins-table')
    await rows.first().waitFor()
    const texts = await rows.allInnerTexts()
    const success = texts.findIndex((t) => /\badmin\b/.test(t) && /成功/.test(t))
    const failure = texts.findIndex((t) => /\badmin\b/.test(t) && /失败/.test(t) && /wrong password/.test(t))
    assert.ok(success >= 0, `a successful admin login is listed:\n${texts.join('\n')}`)
    assert.ok(failure >= 0, `the failed admin login is listed with its reason:\n${texts.join('\n')}`)
    assert.ok(success < failure, 'newest first: the success came after the failure')
    // Each row names the browser and the client address.
    assert.match(texts[failure], /127\.0\.0\.1/)
    assert.match(texts[failure], /Chrome/)
    loginTotal = await pagerTotal()
    assert.ok(loginTotal >= 2)

    // Filter by result 失败: only the failure.
    await pickOptionByText(page, 'logins-search-result', '失败')
    await clickAndWaitForApi(page, page.locator(byId('logins-search-btn')), '/api/audit/logins')
    await page.waitForFunction((sel) => {
      const rs = [...document.querySelectorAll(`${sel} .el-table__body-wrapper tr.el-table__row`)]
      return rs.length > 0 && rs.every((r) => r.innerText.includes('失败'))
    }, byId('logins-table'))
    const filtered = await rows.allInnerTexts()
    assert.equal(filtered.length, 1, filtered.join('\n'))
    assert.match(filtered[0], /wrong password/)
  }, server.output)
})

test('the operation log lists the unit.create of this spec', async () => {
  await withArtifacts(page, 'audit-operation-log', async () => {
    await openFromMenu(page, 'menu-audit-operations', '/audit/operations')
    const row = tableRows(page, 'ops-table', UNIT_NAME)
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    const text = await row.first().innerText()
    assert.match(text, /unit\.create/)
    assert.match(text, /\badmin\b/)
    assert.match(text, /\bunit\b/)
    assert.match(text, /成功/)

    // Filtered by action: only unit.create rows, ours among them.
    await page.locator(byId('ops-search-action')).fill('unit.create')
    await clickAndWaitForApi(page, page.locator(byId('ops-search-btn')), '/api/audit/operations')
    await page.waitForFunction((sel) => {
      const rs = [...document.querySelectorAll(`${sel} .el-table__body-wrapper tr.el-table__row`)]
      return rs.length > 0 && rs.every((r) => r.innerText.includes('unit.create'))
    }, byId('ops-table'))
    await row.first().waitFor()
  }, server.output)
})

test('"verify chain" reports an intact audit chain', async () => {
  await withArtifacts(page, 'audit-verify', async () => {
    await page.locator(byId('ops-verify')).click()
    const result = page.locator(byId('ops-verify-result'))
    const text = await waitForText(result, /审计链完整/)
    assert.match(await result.getAttribute('class'), /el-alert--success/)
    const m = /已校验\s*(\d+)\s*条记录，未发现篡改/.exec(text)
    assert.ok(m, text)
    // Both logs are checked: every row of the login log and of the (unfiltered) operation log.
    await clickAndWaitForApi(page, page.getByRole('button', { name: '重置' }), '/api/audit/operations')
    await page.waitForFunction((sel) => {
      const rs = [...document.querySelectorAll(`${sel} .el-table__body-wrapper tr.el-table__row`)]
      return rs.some((r) => !r.innerText.includes('unit.create'))
    }, byId('ops-table'))
    const opsTotal = await pagerTotal()
    assert.equal(Number(m[1]), loginTotal + opsTotal, `${text} (login log ${loginTotal}, operation log ${opsTotal})`)
  }, server.output)
})
