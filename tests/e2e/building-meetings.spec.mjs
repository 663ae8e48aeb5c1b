// Building meetings (楼栋会, issue 6 point 5) in a real browser, as the community's staff. Arranged
// through the API: a street office, a residents' committee under it, a property company, a staff
// user of the committee (case_dispatcher, own unit) and a handler of the property company. Through
// the UI: 楼栋会 from the menu, the schedule (the 10th, 56 buildings, 3,600 residents), a meeting
// scheduled and opened, attendees entered (holding without a residents' representative is refused
// and says why), the meeting held, an agenda item raised (a case number). The item is dispatched
// to the property company, signed for and replied through the API (for speed). Back in the UI the
// item waits for the sign-off; the representative's sign-off closes it; the minutes list it as
// settled with the signer; the minutes' text is saved; the next month's meeting is listed.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test building-meetings.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, changePasswordIfForced, openFromMenu, pickOptionByText, tableRows, waitForText, waitForToast,
  clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const STAFF = { login: `e2e.cky${stamp}`, password: 'Community-staff-Passw0rd' }
const HANDLER = { login: `e2e.wuye${stamp}`, password: 'Property-handler-Passw0rd' }
const COMMUNITY = `e2e城开苑社区居委会${stamp}`
const PROPERTY = `e2e城开苑物业${stamp}`
const TITLE = '3栋北侧三棵危树有倒伏隐患'
const REPLY = '已会同园林部门移除三棵危树'
let propertyId = 0
let communityId = 0
let staffApi

before(async () => {
  server = await startServer()
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const street = await admin.post('/api/units', { name: `e2e欣悦湖街道${stamp}`, kind: 'street_office', region_code: '360112005', parent_id: null, code: null })
  const community = await admin.post('/api/units', { name: COMMUNITY, kind: 'community_committee', region_code: '360112005002', parent_id: street.id, code: null })
  const property = await admin.post('/api/units', { name: PROPERTY, kind: 'other', region_code: '360112005002', parent_id: null, code: null })
  propertyId = property.id
  communityId = community.id
  await admin.post('/api/users', {
    login: STAFF.login, name: '社区干部王丽', phone: null, unit_id: community.id,
    role_ids: [await admin.roleId('case_dispatcher')], scope: { kind: 'own_unit', unit_ids: [] }, password: STAFF.password,
  })
  await admin.post('/api/users', {
    login: HANDLER.login, name: '物业赵强', phone: null, unit_id: property.id,
    role_ids: [await admin.roleId('case_handler')], scope: { kind: 'own_unit', unit_ids: [] }, password: HANDLER.password,
  })
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

/** Fills attendee row i (added with the add button). */
async function addAttendee(i, role, name, affiliation) {
  await page.locator(byId('attendee-add')).click()
  await pickOptionByText(page, `attendee-role-${i}`, role)
  // The next row's picker must not find this dropdown's items while it fades out.
  await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
  await box(`attendee-name-${i}`).fill(name)
  await box(`attendee-affiliation-${i}`).fill(affiliation)
}

test('community staff hold a meeting; an item raised there closes on the representatives\' sign-off', async () => {
  await withArtifacts(page, 'building-meetings', async () => {
    await login(page, server.baseURL, STAFF.login, STAFF.password)
    STAFF.password = await changePasswordIfForced(page, STAFF.password, `${STAFF.password}-2`)
    staffApi = await apiLogin(server.baseURL, STAFF.login, STAFF.password)
    assert.match(await page.locator(byId('menu-meetings')).innerText(), /楼栋会/)
    await openFromMenu(page, 'menu-meetings', '/meetings')

    // The schedule: the 10th of every month, 56 buildings and 3,600 residents.
    await page.locator(byId('meetings-schedule')).click()
    await page.locator(byId('meeting-schedule-dialog')).waitFor()
    await box('meeting-schedule-place').fill('城开苑社区党群服务中心')
    await box('meeting-schedule-buildings').fill('56')
    await box('meeting-schedule-residents').fill('3600')
    await clickAndWaitForApi(page, page.locator(byId('meeting-schedule-save')), `/api/meeting-schedules/${communityId}`, 'PUT')
    await waitForText(page.locator(byId('meetings-schedule-info')), /每月10日.*56 栋楼、3600 名居民/)

    // A meeting on the next meeting day, opened on its page.
    await page.locator(byId('meetings-create')).click()
    await page.locator(byId('meeting-create-dialog')).waitFor()
    await page.locator(byId('meeting-create-save')).click()
    await page.waitForURL((u) => /^\/meetings\/\d+$/.test(u.pathname))
    const meetingId = Number(new URL(page.url()).pathname.split('/').pop())
    assert.match(await page.locator(byId('meeting-title')).innerText(), /-10 楼栋会/)
    assert.equal((await page.locator(byId('meeting-state')).innerText()).trim(), '待召开')

    // Without a residents' representative the meeting cannot be held, and the page says why.
    await addAttendee(0, '社区', '王丽', '城开苑社区居委会')
    await addAttendee(1, '物业公司', '赵强', '城开苑物业')
    const refused = await clickAndWaitForApi(page, page.locator(byId('meeting-hold')), `/api/meetings/${meetingId}/hold`, 'POST')
    assert.equal(refused.status(), 409)
    assert.equal((await page.locator(byId('meeting-state')).innerText()).trim(), '待召开')
    await addAttendee(2, '居民代表', '李秀英', '3栋')
    await addAttendee(3, '街道办', '陈明', '欣悦湖街道')
    const held = await clickAndWaitForApi(page, page.locator(byId('meeting-hold')), `/api/meetings/${meetingId}/hold`, 'POST')
    assert.equal(held.status(), 200)
    await waitForText(page.locator(byId('meeting-state')), '已召开')
    assert.equal(await tableRows(page, 'meeting-attendees').count(), 4)

    // An agenda item raised at the meeting becomes a case.
    await page.locator(byId('item-add')).click()
    await page.locator(byId('item-dialog')).waitFor()
    await box('item-title').fill(TITLE)
    await box('item-text').fill('居民代表反映：3栋北侧三棵大树根部腐朽，台风天有倒伏危险。')
    await box('item-address').fill('3栋北侧')
    const raised = await clickAndWaitForApi(page, page.locator(byId('item-save')), `/api/meetings/${meetingId}/items`, 'POST')
    assert.equal(raised.status(), 201)
    const { case_id: caseId, number } = await raised.json()
    await waitForToast(page, number)
    await waitForText(page.locator(byId(`agenda-status-${caseId}`)), '办理中')
    assert.match(await tableRows(page, 'agenda-table', TITLE).innerText(), new RegExp(number))

    // The property company handles it (through the API, for speed): dispatched, signed, replied.
    await staffApi.post(`/api/cases/${caseId}/actions`, { type: 'dispatch', unit_id: propertyId })
    const handler = await apiLogin(server.baseURL, HANDLER.login, HANDLER.password)
    await handler.post(`/api/cases/${caseId}/actions`, { type: 'sign' })
    await handler.post(`/api/cases/${caseId}/actions`, { type: 'reply', outcome: 'resolved', note: REPLY })

    // The reply does not close it: the representatives sign off in the meeting.
    await page.reload()
    await waitForText(page.locator(byId(`agenda-status-${caseId}`)), '待签字确认')
    assert.equal(await page.locator(byId(`minutes-settled-${caseId}`)).count(), 0)
    await page.locator(byId(`agenda-signoff-open-${caseId}`)).click()
    await page.locator(byId('signoff-dialog')).waitFor()
    assert.match(await page.locator(byId('signoff-attendee')).innerText(), /李秀英（3栋）/)
    await box('signoff-note').fill('危树已移除，居民满意')
    const signed = await clickAndWaitForApi(page, page.locator(byId('signoff-save')),
      `/api/meetings/${meetingId}/items/${caseId}/sign-off`, 'POST')
    assert.equal(signed.status(), 200)
    assert.equal((await signed.json()).state, 'closed')
    await waitForToast(page, '议题办结')
    await waitForText(page.locator(byId(`agenda-status-${caseId}`)), '已议结')

    // The minutes list it as settled, with the reply and the signer.
    const settled = await waitForText(page.locator(byId(`minutes-settled-${caseId}`)), TITLE)
    assert.match(settled, new RegExp(REPLY))
    assert.match(settled, /居民代表李秀英（3栋）签字确认：危树已移除，居民满意/)
    await box('minutes-text').fill('议定：3栋北侧危树由物业会同园林部门移除。')
    const saved = await clickAndWaitForApi(page, page.locator(byId('minutes-save')), `/api/meetings/${meetingId}/minutes`, 'PUT')
    assert.equal(saved.status(), 200)
    await waitForToast(page, '已保存')

    // The case itself is closed, and the next month's meeting is waiting in the list.
    const detail = await staffApi.get(`/api/cases/${caseId}`)
    assert.equal(detail.state, 'closed')
    assert.equal(detail.channel, 'building_meeting')
    await openFromMenu(page, 'menu-meetings', '/meetings')
    await waitForText(page.locator(byId('meetings-table')), '待召开')
    assert.equal(await tableRows(page, 'meetings-table').count(), 2)
  })
})
