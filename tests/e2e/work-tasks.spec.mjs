// Work-plan tasks (工作要点, issue 7 point 4) in a real browser, with the server writing the
// escalation ladder's due rungs every 2 s (casework.escalation_interval_seconds). Arranged through
// the API: the city's supervision office (role task_supervisor, scope all), an industry bureau with
// a handler (the owner), a commerce bureau (co-owner) and a chain. As the office, through the UI:
// 工作要点 from the menu; a task whose deadline is already past refused on the deadline field; then
// the task set with a milestone and a deadline three days ahead → its page (牵头单位, 按期推进); as
// the deadline is within five working days, the ladder's warning (预警) appears on the task's page
// and in the list. The owner signs for the case through the API; as the owner, through the UI: the
// task's page, 报送进度 with 40 %, what was done and the milestone done → progress 40 and the
// milestone's completion date.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test work-tasks.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, logout, changePasswordIfForced, openFromMenu, pickOption, tableRows, waitForText, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const OFFICE = { login: `e2e.dcs${stamp}`, password: 'Supervision-Office-Passw0rd' }
const OWNER = { login: `e2e.gxj${stamp}`, password: 'Industry-Bureau-Passw0rd' }
const TITLE = '引进电子元器件第三方检测机构'
let owner = null
let coOwner = null
let ownerApi = null

/** A local (UTC+8) date `days` from today, "YYYY-MM-DD". */
function chinaDate(days) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10)
}

before(async () => {
  server = await startServer({ env: { LIANZHANG_CASEWORK_ESCALATION_INTERVAL_SECONDS: '2' } })
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = (name) => admin.post('/api/units', { name, kind: 'department', region_code: '3608', parent_id: null, code: null })
  const office = await unit(`e2e吉安市委督查室${stamp}`)
  owner = await unit(`e2e吉安市工信局${stamp}`)
  coOwner = await unit(`e2e吉安市商务局${stamp}`)
  await admin.post('/api/users', {
    login: OFFICE.login, name: '督查室陈静', phone: null, unit_id: office.id,
    role_ids: [await admin.roleId('task_supervisor')], scope: { kind: 'all', unit_ids: [] }, password: OFFICE.password,
  })
  await admin.post('/api/users', {
    login: OWNER.login, name: '工信局周伟', phone: null, unit_id: owner.id,
    role_ids: [await admin.roleId('case_handler')], scope: { kind: 'own_unit', unit_ids: [] }, password: OWNER.password,
  })
  await admin.post('/api/chains', { name: `e2e电子信息${stamp}`, region_code: '3608' })
  ownerApi = await apiLogin(server.baseURL, OWNER.login, OWNER.password)
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The text box of an el-input, date picker or textarea by its data-testid (on the box or around it). */
function box(id) {
  const sel = byId(id)
  return page.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first()
}
async function fillDate(id, date) {
  await box(id).fill(date)
  await box(id).press('Enter')
  assert.equal(await box(id).inputValue(), date)
}

test('the office sets a task, the ladder warns before its deadline, the owner reports progress', async () => {
  await withArtifacts(page, 'work-tasks', async () => {
    await login(page, server.baseURL, OFFICE.login, OFFICE.password)
    OFFICE.password = await changePasswordIfForced(page, OFFICE.password, `${OFFICE.password}-2`)
    assert.match(await page.locator(byId('menu-work-tasks')).innerText(), /工作要点/)
    await openFromMenu(page, 'menu-work-tasks', '/work-tasks')

    // A deadline that is not after today is refused on its field; nothing is set.
    await page.locator(byId('plan-create')).click()
    await page.locator(byId('plan-dialog')).waitFor()
    await box('plan-title').fill(TITLE)
    await box('plan-text').fill('围绕电子信息产业链检测断点，引进一家第三方检测机构落地。')
    await pickOption(page, 'plan-owner', `unit-option-${owner.id}`, owner.name)
    await pickOption(page, 'plan-co-owners', `unit-option-${coOwner.id}`, coOwner.name)
    await page.keyboard.press('Escape')
    await fillDate('plan-deadline', chinaDate(0))
    const refused = await clickAndWaitForApi(page, page.locator(byId('plan-save')), '/api/work-tasks', 'POST')
    assert.equal(refused.status(), 400)
    assert.equal((await refused.json()).error.field, 'deadline_on')
    await waitForText(page.locator(`${byId('plan-dialog')} .el-form-item__error`), /after today|晚于/)

    // Three days ahead, with one milestone.
    await fillDate('plan-deadline', chinaDate(3))
    await page.locator(byId('plan-add-milestone')).click()
    await box('plan-milestone-title-0').fill('完成签约')
    await fillDate('plan-milestone-due-0', chinaDate(2))
    const saved = await clickAndWaitForApi(page, page.locator(byId('plan-save')), '/api/work-tasks', 'POST')
    assert.equal(saved.status(), 201)
    const task = await saved.json()
    assert.equal(task.case_state, 'dispatched')
    await page.waitForURL((url) => url.pathname === `/work-tasks/${task.case_id}`)
    await waitForText(page.locator(byId('plan-detail-owner')), owner.name)

    // The deadline is within five working days: the timer writes the warning rung.
    let escalation = ''
    for (let i = 0; i < 20 && !/预警/.test(escalation); ++i) {
      await page.waitForTimeout(1000)
      await page.reload()
      await page.locator(byId('plan-detail-title')).waitFor()
      const tag = page.locator(byId('plan-detail-escalation'))
      escalation = (await tag.count()) > 0 ? await tag.innerText() : ''
    }
    assert.match(escalation, /预警/)
    await openFromMenu(page, 'menu-work-tasks', '/work-tasks')
    await waitForText(page.locator(byId(`plan-escalation-${task.case_id}`)), '预警')
    assert.match(await tableRows(page, 'plan-table', TITLE).first().innerText(), new RegExp(owner.name))

    // The owner signs for it (through the API) and reports progress in the UI.
    await ownerApi.post(`/api/cases/${task.case_id}/actions`, { type: 'sign' })
    await logout(page)
    await login(page, server.baseURL, OWNER.login, OWNER.password)
    OWNER.password = await changePasswordIfForced(page, OWNER.password, `${OWNER.password}-2`)
    await page.goto(`${server.baseURL}/work-tasks/${task.case_id}`)
    await page.locator(byId('plan-report')).click()
    await page.locator(byId('plan-report-dialog')).waitFor()
    const percent = page.locator(`${byId('plan-report-progress')} .el-input-number input`)
    await percent.fill('40')
    await percent.press('Enter')
    await box('plan-report-note').fill('已与两家检测机构完成洽谈，签约材料准备中')
    await page.locator(byId('plan-report-milestone-0')).click()
    const reported = await clickAndWaitForApi(page, page.locator(byId('plan-report-save')),
      `/api/work-tasks/${task.case_id}/progress`, 'POST')
    assert.equal(reported.status(), 200)
    const reportedTask = await reported.json()
    assert.equal(reportedTask.progress, 40)
    await waitForText(page.locator(byId('plan-detail-progress')), '40%')
    await waitForText(page.locator(byId('plan-milestone-done-0')), chinaDate(0))
  })
})
