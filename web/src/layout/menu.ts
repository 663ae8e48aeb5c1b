// The side menu: groups of pages, each page shown only with its read permission.
import type { Component } from 'vue'
import { HomeFilled, OfficeBuilding, Setting, Document, Share, Tickets, DataBoard } from '@element-plus/icons-vue'
import { COCKPIT_PERMS } from '../session'

export interface MenuItem {
  path: string
  title: string // i18n key
  perm?: string
  testid: string
}
export interface MenuGroup {
  key: string
  title: string // i18n key
  icon: Component
  path?: string // a group that is itself a page (home, cockpit)
  perm?: string | readonly string[] // of a group that is a page: any one of these
  testid: string
  items: MenuItem[]
}

export const MENU: MenuGroup[] = [
  { key: 'home', title: 'menu.home', icon: HomeFilled, path: '/', testid: 'menu-home', items: [] },
  // The cockpit answers a chain leader through their positions, which the UI does not know: shown to
  // chain readers too, and the page explains a refusal.
  { key: 'cockpit', title: 'menu.cockpit', icon: DataBoard, path: '/cockpit', perm: COCKPIT_PERMS,
    testid: 'menu-cockpit', items: [] },
  {
    key: 'chain',
    title: 'menu.chain',
    icon: Share,
    testid: 'menu-chain',
    items: [
      { path: '/chains', title: 'menu.chains', perm: 'chain:chain:read', testid: 'menu-chains' },
      { path: '/enterprises', title: 'menu.enterprises', perm: 'chain:enterprise:read', testid: 'menu-enterprises' },
      { path: '/investment', title: 'menu.investmentBoard', perm: 'chain:project:read', testid: 'menu-investment-board' },
      { path: '/investment/projects', title: 'menu.investmentProjects', perm: 'chain:project:read', testid: 'menu-investment-projects' },
      { path: '/investment/events', title: 'menu.investmentEvents', perm: 'chain:project:read', testid: 'menu-investment-events' },
      { path: '/policies', title: 'menu.policies', perm: 'chain:policy:read', testid: 'menu-policies' },
      { path: '/work-tasks', title: 'menu.workTasks', perm: 'case:case:read', testid: 'menu-work-tasks' },
      { path: '/support-bodies', title: 'menu.supportBodies', perm: 'chain:chain:read', testid: 'menu-support-bodies' },
      { path: '/challenges', title: 'menu.challenges', perm: 'chain:chain:read', testid: 'menu-challenges' },
    ],
  },
  {
    key: 'case',
    title: 'menu.case',
    icon: Tickets,
    testid: 'menu-case',
    items: [
      { path: '/demands', title: 'menu.demands', perm: 'case:demand:file', testid: 'menu-demands' },
      { path: '/patrol', title: 'menu.patrol', perm: 'case:case:patrol', testid: 'menu-patrol' },
      { path: '/cases/inbox', title: 'menu.caseInbox', perm: 'case:case:read', testid: 'menu-case-inbox' },
      { path: '/cases', title: 'menu.cases', perm: 'case:case:read', testid: 'menu-cases' },
      { path: '/meetings', title: 'menu.meetings', perm: 'case:case:read', testid: 'menu-meetings' },
      { path: '/field', title: 'menu.fieldWork', perm: 'chain:enterprise:visit', testid: 'menu-field' },
      { path: '/field/assignments', title: 'menu.fieldAssignments', perm: 'chain:enterprise:assign', testid: 'menu-field-assignments' },
      { path: '/field/figures', title: 'menu.fieldFigures', perm: 'case:kpi:read', testid: 'menu-field-figures' },
      { path: '/wish-campaigns', title: 'menu.wishCampaigns', perm: 'case:case:read', testid: 'menu-wish-campaigns' },
      { path: '/cases/kpi', title: 'menu.caseKpi', perm: 'case:kpi:read', testid: 'menu-case-kpi' },
      { path: '/assessment', title: 'menu.assessment', perm: 'case:assess:read', testid: 'menu-assessment' },
      { path: '/cases/categories', title: 'menu.caseCategories', perm: 'case:catalogue:write', testid: 'menu-case-categories' },
      { path: '/cases/routes', title: 'menu.caseRoutes', perm: 'case:catalogue:write', testid: 'menu-case-routes' },
      { path: '/cases/channels', title: 'menu.caseChannels', perm: 'case:catalogue:write', testid: 'menu-case-channels' },
      { path: '/cases/calendar', title: 'menu.caseCalendar', perm: 'case:catalogue:write', testid: 'menu-case-calendar' },
    ],
  },
  {
    key: 'org',
    title: 'menu.org',
    icon: OfficeBuilding,
    testid: 'menu-org',
    items: [
      { path: '/org/regions', title: 'menu.regions', perm: 'org:region:read', testid: 'menu-regions' },
      { path: '/org/units', title: 'menu.units', perm: 'org:unit:read', testid: 'menu-units' },
      { path: '/org/positions', title: 'menu.positions', perm: 'org:position:read', testid: 'menu-positions' },
    ],
  },
  {
    key: 'system',
    title: 'menu.system',
    icon: Setting,
    testid: 'menu-system',
    items: [
      { path: '/system/users', title: 'menu.users', perm: 'sys:user:read', testid: 'menu-users' },
      { path: '/system/roles', title: 'menu.roles', perm: 'sys:role:read', testid: 'menu-roles' },
      { path: '/system/api-keys', title: 'menu.apiKeys', perm: 'sys:apikey:write', testid: 'menu-api-keys' },
    ],
  },
  {
    key: 'audit',
    title: 'menu.audit',
    icon: Document,
    testid: 'menu-audit',
    items: [
      { path: '/audit/logins', title: 'menu.loginLog', perm: 'audit:log:read', testid: 'menu-audit-logins' },
      { path: '/audit/operations', title: 'menu.operationLog', perm: 'audit:log:read', testid: 'menu-audit-operations' },
    ],
  },
]
