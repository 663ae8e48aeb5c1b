// Assessment (考核, issue 7 point 7) in a real browser. Arranged through the API: a dispatcher, a
// roads bureau with a handler, and one hotline case of this month dispatched to the bureau, signed,
// replied and called back 非常满意 (closed on time, satisfied). As the supervision office (role
// task_supervisor: case:assess:read and write), through the UI: 考核排名 from the menu → the
// bureau ranked first under the built-in scheme with 100.00; 新建方案 with weights totalling 110 %
// → the running sum shows 110% and the save is refused with the error on the weights, nothing
// stored; the weights corrected to 50 / 50 % → saved as the default scheme, the ranking now under it.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test assessment.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { byId, login, changePasswordIfForced, openFromMenu, tableRows, waitForText, waitForToast } from './lib/ui.mjs'

let server
let browser
let page
let officeApi
let roads
const stamp = Date.now() % 1000000
const OFFICE = { login: `e2e.kh${stamp}`, password: 'Assessment-Office-Passw0rd' }
const DISPATCHER = { login: `e2e.pd${stamp}`, password: 'Hotline-Dispatch-Passw0rd' }
const HANDLER = { login: `e2e.sz${stamp}`, password: 'Roads-Handler-Passw0rd' }
const ROADS = `e2e吉州区市政公用局${stamp}`
const SCHEME = `e2e办结满意并重${stamp}`

before(async () => {
  server = await startServer()
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = (name) => admin.post('/api/units', { name, kind: 'department', region_code: '360802', parent_id: null, code: null })
  const center = await unit(`e2e吉州区12345热线${stamp}`)
  roads = await unit(ROADS)
  const user = async (u, name, unitId, role, scope) => admin.post('/api/users', {
    login: u.login, name, phone: null, unit_id: unitId, role_ids: [await admin.roleId(role)],
    scope: { kind: scope, unit_ids: [] }, password: u.password,
  })
  await user(OFFICE, '督查室陈静', center.id, 'task_supervisor', 'all')
  await user(DISPATCHER, '热线刘芳', center.id, 'case_dispatcher', 'all')
  await user(HANDLER, '市政王强', roads.id, 'case_handler', 'own_unit')
  const dispatcher = await apiLogin(server.baseURL, DISPATCHER.login, DISPATCHER.password)
  const handler = await apiLogin(server.baseURL, HANDLER.login, HANDLER.password)
  const c = await dispatcher.post('/api/cases', {
    channel: 'hotline', category_code: '0201', text: '人民广场东侧人行道地砖破损', region_code: '360802', accept: true,
  })
  await dispatcher.post(`/api/cases/${c.id}/actions`, { type: 'dispatch', unit_id: roads.id })
  await handler.post(`/api/cases/${c.id}/actions`, { type: 'sign' })
  await handler.post(`/api/cases/${c.id}/actions`, { type: 'reply', outcome: 'resolved', note: '已更换破损地砖' })
  await dispatcher.post(`/api/cases/${c.id}/actions`, { type: 'callback', rating: 5 })
  officeApi = await apiLogin(server.baseURL, OFFICE.login, OFFICE.password)
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** Types a percentage into a weight's el-input-number and leaves it (the value applies on change). */
async function setWeight(indicator, value) {
  const input = page.locator(`${byId(`assess-weight-${indicator}`)} input`)
  await input.fill(String(value))
  await input.press('Tab')
}

test('the office sees the ranking, a bad weight set is refused, a good one is saved and used', async () => {
  await withArtifacts(page, 'assessment', async () => {
    await login(page, server.baseURL, OFFICE.login, OFFICE.password)
    OFFICE.password = await changePasswordIfForced(page, OFFICE.password, `${OFFICE.password}-2`)
    assert.match(await page.locator(byId('menu-assessment')).innerText(), /考核排名/)
    await openFromMenu(page, 'menu-assessment', '/assessment')

    // The bureau ranked under the built-in scheme: 1/1 on time, 1/1 satisfied, 0/1 reopened.
    const row = tableRows(page, 'assess-table', ROADS)
    await row.first().waitFor()
    assert.equal((await page.locator(byId(`assess-rank-${roads.id}`)).innerText()).trim(), '1')
    assert.equal((await page.locator(byId(`assess-total-${roads.id}`)).innerText()).trim(), '100.00')
    assert.equal((await page.locator(byId(`assess-score-${roads.id}-projects_landed`)).innerText()).trim(), '—')
    assert.match(await page.locator(byId('assess-scheme-line')).innerText(), /内置默认方案/)

    // A weight set totalling 110 %: the running sum says so and the save is refused.
    await page.locator(byId('assess-new-scheme')).click()
    const dialog = page.locator(byId('assess-dialog'))
    await dialog.waitFor()
    await page.locator(`${byId('assess-scheme-name')} input, input${byId('assess-scheme-name')}`).first().fill(SCHEME)
    await setWeight('completion_on_time', 40)
    await waitForText(page.locator(byId('assess-weight-sum')), '110%')
    await page.locator(byId('assess-save')).click()
    await waitForText(dialog.locator('.el-form-item__error'), '各项权重合计须为 100%（当前 110%）')
    assert.equal((await officeApi.get('/api/assessment/schemes')).items.length, 0)

    // 50 / 50 %: saved as the default scheme and used for the ranking.
    await setWeight('completion_on_time', 50)
    await setWeight('satisfaction', 50)
    for (const k of ['reopen', 'tasks_on_time', 'projects_landed']) await setWeight(k, 0)
    await waitForText(page.locator(byId('assess-weight-sum')), '100%')
    // The first scheme stored is offered as the default.
    assert.match((await page.locator(byId('assess-scheme-default')).getAttribute('class')) || '', /is-checked/)
    await page.locator(byId('assess-save')).click()
    await waitForToast(page, SCHEME)
    await dialog.waitFor({ state: 'hidden' })
    const stored = (await officeApi.get('/api/assessment/schemes')).items
    assert.equal(stored.length, 1)
    assert.deepEqual(stored[0].weights,
      { completion_on_time: 5000, satisfaction: 5000, reopen: 0, tasks_on_time: 0, projects_landed: 0 })
    assert.equal(stored[0].is_default, true)
    await waitForText(page.locator(byId('assess-scheme-line')), SCHEME)
    assert.equal((await page.locator(byId(`assess-total-${roads.id}`)).innerText()).trim(), '100.00')
  })
})
