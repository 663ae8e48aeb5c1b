// Roles and users in a real browser against the real server. As admin: create a role with only
// org:unit:read and org:region:read, create a user in a unit with that role and scope own_unit.
// As that user (fresh browser context): the menu offers 单位管理 but not 用户管理/角色管理, the units
// page shows only the user's own unit and no create/edit/delete, and /system/users is forbidden.
// As admin again: reset the user's password (the user's session ends, the new password works, the old
// one does not), then disable the user: the login page shows that the account is disabled; enabling
// lets the user sign in again, but the session ended by disabling stays ended.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test users-roles.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, logout, pickOption, openFromMenu, tableRows, waitForText, waitForToast, answerMessageBox,
  loginExpectingError,
} from './lib/ui.mjs'

let server
let browser
let admin // page of the admin's browser context
let viewer // page of the new user's own browser context
const stamp = Date.now() % 1000000
const ROLE = { key: `e2e_viewer_${stamp}`, name: `e2e只读角色${stamp}` }
const UNIT = { name: `e2e吉安市工业和信息化局${stamp}`, id: 0 }
const USER = { login: `e2e.viewer${stamp}`, name: '只读测试员', id: 0 }
const PASSWORD_1 = 'Viewer-first-Passw0rd'
const PASSWORD_2 = 'Viewer-reset-Passw0rd'

before(async () => {
  server = await startServer()
  // The unit the user will belong to (a second unit next to 系统管理, so that own_unit shows).
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  UNIT.id = (await api.post('/api/units', { name: UNIT.name, kind: 'department', region_code: '3608', parent_id: null, code: null })).id
  browser = await launchBrowser()
  admin = await newPage(browser)
  viewer = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

test('admin creates a role with two read permissions', async () => {
  await withArtifacts(admin, 'users-roles-create-role', async () => {
    await login(admin, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(admin, 'menu-roles', '/system/roles')
    await tableRows(admin, 'roles-table', 'org_admin').first().waitFor()

    await admin.locator(byId('roles-create')).click()
    const dialog = admin.locator(byId('role-dialog'))
    await dialog.waitFor()
    await admin.locator(byId('role-form-key')).fill(ROLE.key)
    await admin.locator(byId('role-form-name')).fill(ROLE.name)
    await admin.locator(byId('perm-org-unit-read')).click()
    await admin.locator(byId('perm-org-region-read')).click()
    // The group checkbox of 组织机构 is now partly checked.
    assert.equal(await admin.locator(`${byId('perm-group-org')} .el-checkbox__input.is-indeterminate`).count(), 1)
    assert.equal(await admin.locator(`${byId('role-form-permissions')} .el-checkbox__input.is-checked`).count(), 2)
    await admin.locator(byId('role-form-save')).click()
    await waitForToast(admin, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    const row = tableRows(admin, 'roles-table', ROLE.key)
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    const tags = (await row.first().locator('.el-tag').allInnerTexts()).map((s) => s.trim()).sort()
    assert.deepEqual(tags, ['查看单位', '查看行政区划'].sort())
    assert.match(await row.first().innerText(), new RegExp(ROLE.name))
  }, server.output)
})

test('admin creates a user in a unit with that role and scope own_unit', async () => {
  await withArtifacts(admin, 'users-roles-create-user', async () => {
    await openFromMenu(admin, 'menu-users', '/system/users')
    await tableRows(admin, 'users-table', 'admin').first().waitFor()

    await admin.locator(byId('users-create')).click()
    const dialog = admin.locator(byId('user-dialog'))
    await dialog.waitFor()
    await admin.locator(byId('user-form-login')).fill(USER.login)
    await admin.locator(byId('user-form-name')).fill(USER.name)
    await pickOption(admin, 'user-form-unit', `unit-option-${UNIT.id}`, UNIT.name)
    await pickOption(admin, 'user-form-roles', `role-option-${ROLE.key}`)
    // A multiple select stays open: close it by clicking the dialog's title.
    await dialog.locator('.el-dialog__header').click()
    await admin.locator(byId(`role-option-${ROLE.key}`)).waitFor({ state: 'hidden' })
    assert.deepEqual(await admin.locator(`${byId('user-form-roles')} .el-tag`).allInnerTexts(), [ROLE.name])
    await pickOption(admin, 'user-form-scope', 'scope-option-own_unit')
    await admin.locator(byId('user-form-password')).fill(PASSWORD_1)
    await admin.locator(byId('user-form-save')).click()
    await waitForToast(admin, '已创建')
    await dialog.waitFor({ state: 'hidden' })

    const row = tableRows(admin, 'users-table', USER.login)
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    const text = await row.first().innerText()
    assert.match(text, new RegExp(USER.name))
    assert.match(text, new RegExp(UNIT.name))
    assert.match(text, new RegExp(ROLE.name))
    assert.match(text, /本单位/)
    assert.match(text, /正常/)
    const resetId = await row.first().locator('[data-testid^="users-reset-"]').getAttribute('data-testid')
    USER.id = Number(resetId.replace('users-reset-', ''))
    assert.ok(USER.id > 1)

    await logout(admin)
  }, server.output)
})

test('the new user sees only what the role allows', async () => {
  await withArtifacts(viewer, 'users-roles-viewer', async () => {
    await login(viewer, server.baseURL, USER.login, PASSWORD_1)
    assert.equal((await viewer.locator(byId('home-unit')).innerText()).trim(), UNIT.name)

    await viewer.locator(byId('menu-units')).waitFor()
    assert.match(await viewer.locator(byId('menu-units')).innerText(), /单位管理/)
    assert.ok(await viewer.locator(byId('menu-regions')).isVisible())
    for (const id of ['menu-users', 'menu-roles', 'menu-positions', 'menu-system', 'menu-audit',
      'menu-audit-logins', 'menu-audit-operations']) {
      assert.equal(await viewer.locator(byId(id)).count(), 0, `${id} is not in the menu`)
    }
    const menuText = await viewer.locator(byId('side-menu')).innerText()
    assert.doesNotMatch(menuText, /用户管理|角色管理/)

    await openFromMenu(viewer, 'menu-units', '/org/units')
    const rows = tableRows(viewer, 'units-table')
    await rows.first().waitFor()
    // Scope own_unit: only the user's unit, not 系统管理 (which admin sees too).
    assert.equal(await rows.count(), 1)
    assert.match(await rows.first().innerText(), new RegExp(UNIT.name))
    assert.match(await viewer.locator(byId('units-pager')).innerText(), /共\s*1\s*条|Total 1/)
    assert.equal(await viewer.locator(byId('units-create')).count(), 0, 'no create button without org:unit:write')
    assert.equal(await viewer.locator('[data-testid^="units-edit-"], [data-testid^="units-delete-"]').count(), 0)

    // A page the role does not cover is refused even by its address.
    await viewer.goto(`${server.baseURL}/system/users`)
    await waitForText(viewer.locator('.el-result'), '您没有访问此页面的权限')
    assert.equal(new URL(viewer.url()).pathname, '/403')
  }, server.output)
})

test('admin resets the password: the user is signed out and only the new password works', async () => {
  await withArtifacts(admin, 'users-roles-reset', async () => {
    await login(admin, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(admin, 'menu-users', '/system/users')
    await tableRows(admin, 'users-table', USER.login).first().waitFor()
    await admin.locator(byId(`users-reset-${USER.id}`)).click()
    const dialog = admin.locator(byId('user-reset-dialog'))
    await dialog.waitFor()
    assert.match(await dialog.innerText(), new RegExp(`重置“${USER.name}”的密码`))
    await admin.locator(byId('user-reset-password')).fill(PASSWORD_2)
    await admin.locator(byId('user-reset-save')).click()
    await waitForToast(admin, '密码已重置')
    await dialog.waitFor({ state: 'hidden' })

    // The reset ended the user's session: the next page load lands on the login page.
    await viewer.goto(`${server.baseURL}/org/units`)
    await viewer.waitForURL((url) => url.pathname === '/login')
    await loginExpectingError(viewer, server.baseURL, USER.login, PASSWORD_1, 'wrong login name or password')
    await login(viewer, server.baseURL, USER.login, PASSWORD_2)
    assert.equal((await viewer.locator(byId('home-unit')).innerText()).trim(), UNIT.name)
  }, server.output)
})

test('admin disables the user, who can then no longer sign in', async () => {
  await withArtifacts(admin, 'users-roles-disable', async () => {
    const toggle = admin.locator(byId(`users-toggle-${USER.id}`))
    assert.equal((await toggle.innerText()).trim(), '停用')
    await toggle.click()
    await answerMessageBox(admin, '确定')
    await waitForToast(admin, '操作成功')
    await waitForText(admin.locator(byId(`users-toggle-${USER.id}`)), '启用')
    const row = tableRows(admin, 'users-table', USER.login).first()
    assert.match(await row.locator('.el-tag', { hasText: /^\s*停用\s*$/ }).innerText(), /停用/)

    // The signed-in user is turned away at the next request and cannot sign in again.
    await viewer.reload()
    await viewer.waitForURL((url) => url.pathname === '/login')
    const message = await loginExpectingError(viewer, server.baseURL, USER.login, PASSWORD_2, /disabled/)
    assert.match(message, /the account is disabled/)
    assert.equal(new URL(viewer.url()).pathname, '/login')

    // And enabling again lets the user back in.
    await admin.locator(byId(`users-toggle-${USER.id}`)).click()
    await answerMessageBox(admin, '确定')
    await waitForText(admin.locator(byId(`users-toggle-${USER.id}`)), '停用')
    // The session that disabling ended does not come back with the account (the browser still holds its cookie).
    assert.ok((await viewer.context().cookies()).some((c) => c.name === 'lz_session' && c.value), 'old session cookie kept')
    await viewer.goto(`${server.baseURL}/org/units`)
    await viewer.waitForURL((url) => url.pathname === '/login')
    await login(viewer, server.baseURL, USER.login, PASSWORD_2)
  }, server.output)
})
