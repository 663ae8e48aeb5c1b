// Positions page in a real browser against the real server: give one user a grid_worker position in a
// region context (吉州区, chosen by search: the context code and name are filled in from the region)
// and another user a chain_leader position in a chain the test creates through the API (chosen by
// search: its id and name are filled in); both are listed; the list
// filters by kind (链长 does not match 副链长) and by holder; deleting a position removes it.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test positions.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, pickOption, pickOptionByText, openFromMenu, tableRows, waitForToast, answerMessageBox, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const GRID = { login: `e2e.grid${stamp}`, name: `网格员李四${stamp}`, id: 0 }
const LEADER = { login: `e2e.leader${stamp}`, name: `链长王五${stamp}`, id: 0 }
const CHAIN = { id: 0, name: `电子信息产业链${stamp}` }

before(async () => {
  server = await startServer()
  // Two holders, created through the API (the users page has its own spec).
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const staff = await api.roleId('staff')
  for (const u of [GRID, LEADER]) {
    u.id = (await api.post('/api/users', {
      login: u.login, name: u.name, phone: null, unit_id: 1, role_ids: [staff], scope: { kind: 'self', unit_ids: [] },
      password: 'Position-holder-Passw0rd',
    })).id
  }
  // The chain a position's chain context refers to (by its id).
  CHAIN.id = (await api.post('/api/chains', { name: CHAIN.name, region_code: '3608' })).id
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** Waits until the positions table shows exactly `n` rows (after a search / save / delete). */
async function waitForRowCount(n) {
  await page.waitForFunction(([sel, count]) => {
    const table = document.querySelector(sel)
    if (!table || table.querySelector('.el-loading-mask:not([style*="display: none"])')) return false
    return table.querySelectorAll('.el-table__body-wrapper tr.el-table__row').length === count
  }, [byId('positions-table'), n])
}

test('admin gives a user a grid_worker position in a region', async () => {
  await withArtifacts(page, 'positions-create-region', async () => {
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(page, 'menu-positions', '/org/positions')
    await page.locator(`${byId('positions-table')} .el-table__empty-text`).waitFor()
    await waitForRowCount(0)

    await page.locator(byId('positions-create')).click()
    const dialog = page.locator(byId('position-dialog'))
    await dialog.waitFor()
    await pickOption(page, 'position-form-user', `user-option-${GRID.id}`, GRID.name)
    await pickOption(page, 'position-form-kind', 'position-kind-option-grid_worker')
    await page.locator(byId('position-form-context-type')).getByText('行政区划', { exact: true }).click()
    await pickOption(page, 'position-form-region', 'region-option-360802', '吉州区')
    // The context is taken from the region picked.
    assert.equal(await page.locator(byId('position-form-ref')).inputValue(), '360802')
    assert.ok(await page.locator(byId('position-form-ref')).isDisabled())
    assert.equal(await page.locator(byId('position-form-name')).inputValue(), '吉州区')
    await page.locator(byId('position-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    await waitForRowCount(1)
    const text = await tableRows(page, 'positions-table').first().innerText()
    for (const part of [GRID.name, '网格员', '行政区划', '吉州区', '360802']) assert.match(text, new RegExp(part))
  }, server.output)
})

test('admin gives another user a chain_leader position in a chain', async () => {
  await withArtifacts(page, 'positions-create-chain', async () => {
    await page.locator(byId('positions-create')).click()
    const dialog = page.locator(byId('position-dialog'))
    await dialog.waitFor()
    await pickOption(page, 'position-form-user', `user-option-${LEADER.id}`, LEADER.name)
    await pickOption(page, 'position-form-kind', 'position-kind-option-chain_leader')
    // 产业链 is the default context type; the chain is chosen by search and its id and name filled in.
    await pickOption(page, 'position-form-chain', `chain-option-${CHAIN.id}`, CHAIN.name)
    assert.equal(await page.locator(byId('position-form-ref')).inputValue(), String(CHAIN.id))
    assert.ok(await page.locator(byId('position-form-ref')).isDisabled())
    assert.equal(await page.locator(byId('position-form-name')).inputValue(), CHAIN.name)
    await page.locator(byId('position-form-save')).click()
    await waitForToast(page, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    await waitForRowCount(2)
    const row = tableRows(page, 'positions-table', LEADER.name)
    assert.equal(await row.count(), 1)
    const text = await row.first().innerText()
    for (const part of ['链长', '产业链', CHAIN.name, String(CHAIN.id)]) assert.ok(text.includes(part), `row shows ${part}: ${text}`)
    assert.match(await page.locator('.pager .el-pagination__total').innerText(), /共\s*2\s*条/)
  }, server.output)
})

test('the list filters by kind and by holder', async () => {
  await withArtifacts(page, 'positions-filter', async () => {
    await pickOptionByText(page, 'positions-search-kind', '网格员')
    await clickAndWaitForApi(page, page.locator(byId('positions-search-btn')), '/api/positions')
    await waitForRowCount(1)
    await tableRows(page, 'positions-table', GRID.name).first().waitFor()

    // 链长 exactly: not 副链长, and not the grid worker.
    await pickOptionByText(page, 'positions-search-kind', '链长')
    await clickAndWaitForApi(page, page.locator(byId('positions-search-btn')), '/api/positions')
    await tableRows(page, 'positions-table', LEADER.name).first().waitFor()
    await waitForRowCount(1)

    await pickOptionByText(page, 'positions-search-kind', '副链长')
    await clickAndWaitForApi(page, page.locator(byId('positions-search-btn')), '/api/positions')
    await waitForRowCount(0)

    // Back to all kinds, filtered by holder.
    await clickAndWaitForApi(page, page.getByRole('button', { name: '重置' }), '/api/positions')
    await waitForRowCount(2)
    await pickOption(page, 'positions-search-user', `user-option-${GRID.id}`, GRID.name)
    await clickAndWaitForApi(page, page.locator(byId('positions-search-btn')), '/api/positions')
    await waitForRowCount(1)
    await tableRows(page, 'positions-table', GRID.name).first().waitFor()
    await clickAndWaitForApi(page, page.getByRole('button', { name: '重置' }), '/api/positions')
    await waitForRowCount(2)
  }, server.output)
})

test('deleting a position removes it from the list', async () => {
  await withArtifacts(page, 'positions-delete', async () => {
    const row = tableRows(page, 'positions-table', GRID.name).first()
    await row.locator('[data-testid^="positions-delete-"]').click()
    const box = page.locator('.el-message-box:visible')
    await box.waitFor()
    assert.match(await box.innerText(), new RegExp(`确定撤销“${GRID.name}”的“网格员”职务吗`))
    await answerMessageBox(page, '删除')
    await waitForToast(page, '已删除')
    await waitForRowCount(1)
    assert.equal(await tableRows(page, 'positions-table', GRID.name).count(), 0)
    assert.equal(await tableRows(page, 'positions-table', LEADER.name).count(), 1)

    // Still gone after a reload (deleted on the server, not only in the page).
    await page.reload()
    await waitForRowCount(1)
    assert.match(await tableRows(page, 'positions-table').first().innerText(), new RegExp(LEADER.name))
  }, server.output)
})
