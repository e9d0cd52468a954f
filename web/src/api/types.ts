import type { z } from 'zod';
import type { Action, Resource, Role } from '../../../src/domain/permissions.js';
import type { eventBody, listItemBody, orgDetailsBody, treeNodeBody } from '../../../src/modules/org/org.schema.js';

// The shapes the API answers with, taken from the server's own zod schemas (type-only imports:
// nothing of the server reaches the bundle), so the two cannot drift apart silently.

export type { OrgBody } from '../../../src/modules/org/org.schema.js';
export type { MemberHistory, MemberListItem, MemberRecord, MemberSort, PatchMemberInput } from '../../../src/modules/member/member.schema.js';
export type { Action, Resource, Role };

export type OrgTreeNode = z.infer<typeof treeNodeBody>;
export type OrgListItem = z.infer<typeof listItemBody>;
export type OrgDetails = z.infer<typeof orgDetailsBody>;
export type OrgEvent = z.infer<typeof eventBody>;

/** 'full' once signed in; otherwise the step still missing (the auth routes' contract). */
export type SignInStage = 'full' | 'password' | 'totp_setup';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string | null;
  mustChangePassword: boolean;
  stage: SignInStage;
}

export interface LoginAnswer {
  user: SessionUser;
  csrfToken: string;
}

export interface Grant {
  role: Role;
  /** Subtree path like /1/23/; "/" is the whole tree. */
  path: string;
}

export interface Me extends LoginAnswer {
  grants: Grant[];
  permissions: { resource: Resource; action: Action }[];
}

export interface TotpSetup {
  otpauthUri: string;
  secret: string;
}

export interface ListAnswer<T> {
  items: T[];
  total: number;
  /** Keyset paging and a capped count, when the server offers them. */
  nextCursor?: string | null;
  totalIsLowerBound?: boolean;
}
