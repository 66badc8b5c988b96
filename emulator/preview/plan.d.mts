export type Role = 'resident' | 'delegate' | 'staff';
export interface Visit {
  page: string;
  role: Role;
  openid: string;
}
export interface DemoFacts {
  skipped: string[];
  messageId?: string;
  campaignId?: string;
  receipt?: string;
  resultsCampaignId?: string;
  stationId?: string;
  suggestionId?: string;
  reviewId?: string;
}
export type Call = (openid: string, action: string, payload?: unknown) => Promise<{ ok: boolean; data?: any; error?: unknown }>;

export const ROLES: Record<Role, string>;
export function rolesFor(page: string, tabPages: string[]): Role[];
/** `phoneCode` answers the emulator's one-time getPhoneNumber code for a number (POST /_emulator/phone-codes). */
export type PhoneCode = (openid: string, phoneNumber: string) => Promise<string>;
export function prepareDemo(call: Call, phoneCode: PhoneCode): Promise<DemoFacts>;
export function queryFor(page: string, facts: DemoFacts): Record<string, string>;
export function appPages(root: string): string[];
export function appTabPages(root: string): string[];
export function pageRoles(root: string): Visit[];
export function previewPath(visit: Visit, query?: Record<string, string>, options?: { largeText?: boolean }): string;
