// The investment pipeline board (issue 7 point 1) in a real browser. Arranged through the API: a
// chain with a segment 胶水 that has no local enterprise (a breakpoint), an outside investor in the
// registry and an investment officer (role investment_officer). Through the UI, as the officer:
// 招商项目看板 from the menu; a project created on the board (线索 column); moved forward two
// stages at once to 签约 (its card in the 签约 column); a move back to 洽谈 without a reason refused
// by the server with the message under the reason field (still 签约, nothing written); then with a
// reason (洽谈); the project page shows the dated history with the reason and the officer's name.
// Then the project list exports the filtered list as CSV through the shared export button.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test investment.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import {
  byId, login, changePasswordIfForced, openFromMenu, tableRows, waitForText, clickAndWaitForApi, pickOption,
} from './lib/ui.mjs'

let server
let browser
let page
let admin
const stamp = Date.now() % 1000000
const OFFICER = { login: `e2e.zs${stamp}`, password: 'Invest-Officer-Passw0rd' }
const INVESTOR = `e2e深圳丙材料有限公司${stamp}`
const CODE = creditCode('440300', String(stamp).padStart(9, '0'))
const PROJECT = `电子胶粘剂生产基地${stamp}`
const REASON = '投资方要求重新谈判用地条款'
let chainId = 0
let glueId = 0
let investorId = 0

before(async () => {
  server = await startServer()
  admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const bureau = await admin.post('/api/units', { name: `e2e吉安市商务局${stamp}`, kind: 'department', region_code: '3608', parent_id: null, code: null })
  await admin.post('/api/users', {
    login: OFFICER.login, name: '招商专员李强', phone: null, unit_id: bureau.id,
    role_ids: [await admin.roleId('investment_officer')], scope: { kind: 'own_unit', unit_ids: [] }, password: OFFICER.password,
  })
  const chain = await admin.post('/api/chains', { name: `e2e电子信息${stamp}`, region_code: '3608' })
  chainId = chain.id
  glueId = (await admin.post(`/api/chains/${chainId}/segments`, { name: '胶水', stage: 'upstream' })).id
  investorId = (await admin.post('/api/enterprises', { credit_code: CODE, name: INVESTOR, region_code: '4403', local: false, size: 'large' })).id
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The text box of an el-input, el-input-number or textarea by its data-testid (on the box or around it). */
function box(id) {
  const sel = byId(id)
  return page.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first()
}

async function move(projectId, stage, reason) {
  await page.locator(byId(`investment-move-${projectId}`)).click()
  await page.locator(byId('investment-move-dialog')).waitFor()
  await pickOption(page, 'investment-move-to', `investment-move-to-${stage}`)
  await box('investment-move-reason').fill(reason ?? '')
  return clickAndWaitForApi(page, page.locator(byId('investment-move-save')), `/api/investment-projects/${projectId}/stage`, 'POST')
}

test('an investment officer walks a project along the board; a move back needs a reason', async () => {
  await withArtifacts(page, 'investment', async () => {
    await login(page, server.baseURL, OFFICER.login, OFFICER.password)
    OFFICER.password = await changePasswordIfForced(page, OFFICER.password, `${OFFICER.password}-2`)
    assert.match(await page.locator(byId('menu-investment-board')).innerText(), /招商项目看板/)
    await openFromMenu(page, 'menu-investment-board', '/investment')
    await page.locator(byId('investment-column-lead')).waitFor()

    // Create a project on the board.
    await page.locator(byId('investment-create')).click()
    await page.locator(byId('investment-project-dialog')).waitFor()
    await box('investment-project-name').fill(PROJECT)
    await pickOption(page, 'investment-project-investor', `enterprise-option-${investorId}`, INVESTOR.slice(0, 8))
    await pickOption(page, 'investment-project-chain', `chain-option-${chainId}`, `e2e电子信息${stamp}`)
    await pickOption(page, 'investment-project-segment', `investment-segment-option-${glueId}`)
    await box('investment-project-agreed').fill('50000')
    const created = await clickAndWaitForApi(page, page.locator(byId('investment-project-save')), '/api/investment-projects', 'POST')
    assert.equal(created.status(), 201, await created.text())
    const project = await created.json()
    assert.equal(project.stage, 'lead')
    assert.equal(project.agreed_amount, 500000000)
    await waitForText(page.locator(byId('investment-column-lead')), PROJECT)
    await waitForText(page.locator(byId('investment-column-count-lead')), '1')

    // Forward two stages at once: 线索 → 签约.
    const forward = await move(project.id, 'signed')
    assert.equal(forward.status(), 200, await forward.text())
    await waitForText(page.locator(byId('investment-column-signed')), PROJECT)
    assert.equal(await page.locator(byId('investment-column-lead')).getByText(PROJECT).count(), 0)

    // Back to 洽谈 without a reason: refused by the server on the reason field, nothing written.
    const refused = await move(project.id, 'negotiating')
    assert.equal(refused.status(), 400)
    assert.equal((await refused.json()).error.field, 'reason')
    await waitForText(page.locator(`${byId('investment-move-dialog')} .el-form-item__error`), /reason/)
    const still = await admin.get(`/api/investment-projects/${project.id}`)
    assert.equal(still.stage, 'signed')
    assert.equal(still.history.length, 2)

    // With a reason it moves back.
    await box('investment-move-reason').fill(REASON)
    const back = await clickAndWaitForApi(page, page.locator(byId('investment-move-save')), `/api/investment-projects/${project.id}/stage`, 'POST')
    assert.equal(back.status(), 200, await back.text())
    await waitForText(page.locator(byId('investment-column-negotiating')), PROJECT)

    // The project page: the history with the reason and who moved it.
    await page.locator(byId(`investment-card-${project.id}`)).getByText(PROJECT).click()
    await page.waitForURL((url) => url.pathname === `/investment/projects/${project.id}`)
    await waitForText(page.locator(byId('investment-detail-stage')), '洽谈')
    await waitForText(tableRows(page, 'investment-history', REASON), '招商专员李强')
    assert.equal(await tableRows(page, 'investment-history').count(), 3)
    assert.match(await tableRows(page, 'investment-history', REASON).innerText(), /签约\s*→\s*洽谈/)
  })
})

test('the project list exports the filtered list as CSV', async () => {
  await withArtifacts(page, 'investment-export', async () => {
    await openFromMenu(page, 'menu-investment-projects', '/investment/projects')
    await tableRows(page, 'investment-projects-table', PROJECT).first().waitFor()
    await page.locator(byId('investment-projects-export')).click()
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`${byId('investment-projects-export-csv')}:visible`).click(),
    ])
    assert.match(csv.suggestedFilename(), /\.csv$/)
    const text = fs.readFileSync(await csv.path(), 'utf8')
    const lines = text.trim().split(/\r?\n/)
    assert.ok(lines[0].includes('项目名称') && lines[0].includes('投资方统一社会信用代码'), lines[0])
    const row = lines.find((l) => l.includes(PROJECT))
    assert.ok(row, `the officer's project is exported: ${text}`)
    assert.ok(row.includes(CODE) && row.includes('洽谈'), row)
  }, server.output)
})
