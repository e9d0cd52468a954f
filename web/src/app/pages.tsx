import { AimOutlined, ApartmentOutlined, AuditOutlined, CarryOutOutlined, IdcardOutlined, HomeOutlined, ImportOutlined, SafetyCertificateOutlined, SolutionOutlined, SwapOutlined, TeamOutlined, TrophyOutlined, UserDeleteOutlined, UserOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Action, Resource } from '../api/types.js';

// The page registry: every screen of the app, where it lives, what it needs, and its menu entry.
// A new screen (dashboard, administration, member view) is one entry here plus its folder under
// pages/; the router and the side menu are built from this list. Pages are loaded on first
// visit (code-split), so the first page stays small.

export interface PageDef {
  /** Route path (react-router syntax). */
  path: string;
  component: LazyExoticComponent<ComponentType>;
  /** The permission the page needs; the menu hides it and the route refuses it without. */
  requires?: { resource: Resource; action: Action };
  /** A side-menu entry: its i18n key and icon. Detail pages have none. */
  menu?: { labelKey: MenuLabelKey; icon: ReactNode };
}

export type MenuLabelKey =
  | 'menu.home'
  | 'menu.due'
  | 'menu.orgs'
  | 'menu.members'
  | 'menu.admission'
  | 'menu.targets'
  | 'menu.recognition'
  | 'menu.transfer'
  | 'menu.exits'
  | 'menu.badges'
  | 'menu.records'
  | 'menu.imports'
  | 'menu.users'
  | 'menu.audit';

export const PAGES: PageDef[] = [
  { path: '/', component: lazy(() => import('../pages/home/HomePage.js')), menu: { labelKey: 'menu.home', icon: <HomeOutlined aria-hidden /> } },
  {
    path: '/due',
    component: lazy(() => import('../pages/due/DuePage.js')),
    requires: { resource: 'due_item', action: 'read' },
    menu: { labelKey: 'menu.due', icon: <CarryOutOutlined aria-hidden /> },
  },
  {
    path: '/orgs',
    component: lazy(() => import('../pages/orgs/OrgsPage.js')),
    requires: { resource: 'org', action: 'read' },
    menu: { labelKey: 'menu.orgs', icon: <ApartmentOutlined aria-hidden /> },
  },
  { path: '/orgs/:orgId', component: lazy(() => import('../pages/orgs/OrgsPage.js')), requires: { resource: 'org', action: 'read' } },
  {
    path: '/members',
    component: lazy(() => import('../pages/members/MemberListPage.js')),
    requires: { resource: 'member', action: 'read' },
    menu: { labelKey: 'menu.members', icon: <TeamOutlined aria-hidden /> },
  },
  {
    path: '/admission',
    component: lazy(() => import('../pages/admission/AdmissionCasesPage.js')),
    requires: { resource: 'admission', action: 'read' },
    menu: { labelKey: 'menu.admission', icon: <SolutionOutlined aria-hidden /> },
  },
  { path: '/admission/cases/:caseId', component: lazy(() => import('../pages/admission/AdmissionCasePage.js')), requires: { resource: 'admission', action: 'read' } },
  { path: '/admission/candidates', component: lazy(() => import('../pages/admission/CandidatesPage.js')), requires: { resource: 'admission', action: 'read' } },
  {
    path: '/admission/targets',
    component: lazy(() => import('../pages/targets/TargetsPage.js')),
    requires: { resource: 'admission_target', action: 'read' },
    menu: { labelKey: 'menu.targets', icon: <AimOutlined aria-hidden /> },
  },
  {
    path: '/recognition',
    component: lazy(() => import('../pages/recognition/RecognitionCasesPage.js')),
    requires: { resource: 'recognition', action: 'read' },
    menu: { labelKey: 'menu.recognition', icon: <SafetyCertificateOutlined aria-hidden /> },
  },
  { path: '/recognition/cases/:caseId', component: lazy(() => import('../pages/recognition/RecognitionCasePage.js')), requires: { resource: 'recognition', action: 'read' } },
  {
    path: '/transfer',
    component: lazy(() => import('../pages/transfer/TransferCasesPage.js')),
    requires: { resource: 'transfer', action: 'read' },
    menu: { labelKey: 'menu.transfer', icon: <SwapOutlined aria-hidden /> },
  },
  { path: '/transfer/cases/:caseId', component: lazy(() => import('../pages/transfer/TransferCasePage.js')), requires: { resource: 'transfer', action: 'read' } },
  {
    path: '/exits',
    component: lazy(() => import('../pages/exits/ExitsPage.js')),
    requires: { resource: 'exit', action: 'read' },
    menu: { labelKey: 'menu.exits', icon: <UserDeleteOutlined aria-hidden /> },
  },
  { path: '/exits/cases/:caseId', component: lazy(() => import('../pages/exits/RemovalCasePage.js')), requires: { resource: 'exit', action: 'read' } },
  { path: '/exits/exemptions/:exemptionId', component: lazy(() => import('../pages/exits/ExemptionPage.js')), requires: { resource: 'exemption', action: 'read' } },
  {
    path: '/badges',
    component: lazy(() => import('../pages/badges/BadgesPage.js')),
    requires: { resource: 'badge', action: 'read' },
    menu: { labelKey: 'menu.badges', icon: <TrophyOutlined aria-hidden /> },
  },
  {
    path: '/records',
    component: lazy(() => import('../pages/records/RecordsPage.js')),
    requires: { resource: 'party_card', action: 'read' },
    menu: { labelKey: 'menu.records', icon: <IdcardOutlined aria-hidden /> },
  },
  {
    path: '/imports',
    component: lazy(() => import('../pages/imports/ImportsPage.js')),
    requires: { resource: 'import', action: 'read' },
    menu: { labelKey: 'menu.imports', icon: <ImportOutlined aria-hidden /> },
  },
  { path: '/imports/:jobId', component: lazy(() => import('../pages/imports/ImportJobPage.js')), requires: { resource: 'import', action: 'read' } },
  { path: '/members/:memberId', component: lazy(() => import('../pages/members/MemberPage.js')), requires: { resource: 'member', action: 'read' } },
  {
    path: '/admin/users',
    component: lazy(() => import('../pages/admin/UsersPage.js')),
    requires: { resource: 'account', action: 'read' },
    menu: { labelKey: 'menu.users', icon: <UserOutlined aria-hidden /> },
  },
  { path: '/admin/users/:userId', component: lazy(() => import('../pages/admin/UserPage.js')), requires: { resource: 'account', action: 'read' } },
  {
    path: '/admin/audit',
    component: lazy(() => import('../pages/admin/AuditPage.js')),
    requires: { resource: 'audit', action: 'read' },
    menu: { labelKey: 'menu.audit', icon: <AuditOutlined aria-hidden /> },
  },
  { path: '/account/password', component: lazy(() => import('../pages/signin/ChangePasswordPage.js')) },
];
