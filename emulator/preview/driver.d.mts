import type { Browser, Page } from 'playwright-core';

export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export const PHONE: { width: number; height: number };
export function launchBrowser(): Promise<Browser>;
export function watch(tab: Page): string[];
export function openAndSettle(tab: Page, url: string): Promise<void>;
export function settle(tab: Page, options?: { quietChecks?: number; intervalMs?: number; timeoutMs?: number }): Promise<void>;
export function resize(tab: Page, width: number): Promise<void>;
export function setLargeText(tab: Page, on: boolean): Promise<void>;
export function overflow(tab: Page): Promise<{ element: string; left?: number; right?: number; width?: number }[]>;
export function smallPrimaryActions(tab: Page, minimum?: number): Promise<{ text: string; width: number; height: number }[]>;
export function lowContrastText(tab: Page): Promise<{ text: string; ratio: number; needed: number; color: string }[]>;
