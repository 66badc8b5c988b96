// What the emulator's WeChat open API remembers: subscribe-message credits and deliveries, the
// msgSecCheck word list, the mini-program codes it drew and the phone-number codes it issued.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../functions/paths';

export interface DeliveryResult {
  errCode: number;
  errMsg: string;
}

export interface Delivery {
  id: number;
  recipient: string;
  templateId: string;
  /** The project's name for the template, from the functions' TEMPLATE_IDS; null when unknown. */
  templateKey: string | null;
  data: Record<string, { value: unknown }>;
  page: string | null;
  time: string;
  result: DeliveryResult;
}

export interface SecCheckWord {
  word: string;
  label: number;
}

export interface SecCheckWords {
  risky: SecCheckWord[];
  review: SecCheckWord[];
}

export interface DrawnCode {
  scene: string;
  page: string | null;
  time: string;
}

/** A number as 手机号快速验证 hands it over: the country code and the number without it. */
export interface PhoneNumber {
  countryCode: string;
  purePhoneNumber: string;
}

interface PhoneCode extends PhoneNumber {
  openid: string;
  expiresAt: number;
}

/** WeChat's getPhoneNumber code is valid for five minutes, and once. */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

const DEFAULT_LABEL = { risky: 20001, review: 21000 } as const;

/** Accepts `{ risky: ['word' | { word, label }], review: [...] }`, as the file or a PUT body. */
export function normalizeWords(input: unknown): SecCheckWords {
  const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const level = (name: 'risky' | 'review'): SecCheckWord[] => {
    const list = Array.isArray(source[name]) ? (source[name] as unknown[]) : [];
    return list.flatMap((item) => {
      if (typeof item === 'string' && item) return [{ word: item, label: DEFAULT_LABEL[name] }];
      if (typeof item === 'object' && item !== null && typeof (item as SecCheckWord).word === 'string' && (item as SecCheckWord).word) {
        const { word, label } = item as SecCheckWord;
        return [{ word, label: Number.isInteger(label) ? label : DEFAULT_LABEL[name] }];
      }
      return [];
    });
  };
  return { risky: level('risky'), review: level('review') };
}

export function defaultWords(): SecCheckWords {
  return normalizeWords(JSON.parse(readFileSync(path.join(repoRoot(), 'emulator', 'openapi', 'seccheck-words.json'), 'utf8')));
}

const DELIVERY_LOG_SIZE = 5_000;

/** An image sent to security.mediaCheckAsync, and WeChat's answer once pushed. */
export interface MediaCheck {
  traceId: string;
  mediaUrl: string;
  openid: string;
  scene: number;
  time: string;
  answer?: 'pass' | 'review' | 'risky';
}

export class OpenApiState {
  readonly deliveries: Delivery[] = [];
  readonly codes: DrawnCode[] = [];
  readonly mediaChecks: MediaCheck[] = [];
  /** 'auto': every image passes a moment after it is sent (npm start); 'hold': checks wait for an answer (tests). */
  mediaAnswers: 'auto' | 'hold' = 'auto';
  private readonly credits = new Map<string, number>();
  private readonly phoneCodes = new Map<string, PhoneCode>();
  private nextDelivery = 1;

  constructor(
    public words: SecCheckWords,
    private readonly templateKeys: Map<string, string>,
  ) {}

  grant(openid: string, templateId: string, count: number): number {
    const key = creditKey(openid, templateId);
    const total = (this.credits.get(key) ?? 0) + count;
    this.credits.set(key, total);
    return total;
  }

  /** Takes one credit; false when there is none (WeChat's 43101). */
  consume(openid: string, templateId: string): boolean {
    const key = creditKey(openid, templateId);
    const left = this.credits.get(key) ?? 0;
    if (left <= 0) return false;
    this.credits.set(key, left - 1);
    return true;
  }

  creditList(): Array<{ openid: string; templateId: string; count: number }> {
    return [...this.credits].map(([key, count]) => {
      const [openid, templateId] = key.split('\u0000');
      return { openid, templateId, count };
    });
  }

  /** The code a `<button open-type="getPhoneNumber">` hands the page when `openid` shares `phone`. */
  issuePhoneCode(openid: string, phone: PhoneNumber, now: Date): { code: string; expiresAt: string } {
    this.dropExpiredPhoneCodes(now);
    const code = randomBytes(32).toString('hex');
    const expiresAt = now.getTime() + PHONE_CODE_TTL_MS;
    this.phoneCodes.set(code, { openid, ...phone, expiresAt });
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The number behind a code, once: a used, expired or unknown code gives nothing (WeChat's 40029). */
  redeemPhoneCode(code: string, now: Date): PhoneNumber | undefined {
    const found = this.phoneCodes.get(code);
    this.phoneCodes.delete(code);
    if (!found || found.expiresAt <= now.getTime()) return undefined;
    return { countryCode: found.countryCode, purePhoneNumber: found.purePhoneNumber };
  }

  private dropExpiredPhoneCodes(now: Date): void {
    for (const [code, { expiresAt }] of this.phoneCodes) if (expiresAt <= now.getTime()) this.phoneCodes.delete(code);
  }

  record(delivery: Omit<Delivery, 'id' | 'templateKey'>): void {
    this.deliveries.push({ id: this.nextDelivery++, templateKey: this.templateKeys.get(delivery.templateId) ?? null, ...delivery });
    if (this.deliveries.length > DELIVERY_LOG_SIZE) this.deliveries.shift();
  }
}

const creditKey = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
