/**
 * Authenticity check for DingTalk HTTP callbacks (the robot's 消息接收地址).
 *
 * DingTalk sends two headers, `timestamp` (ms) and `sign`, where
 * `sign = Base64(HmacSHA256(key = appSecret, message = timestamp + "\n" + appSecret))`, and says a
 * request whose timestamp is more than one hour from now is illegitimate
 * (https://open.dingtalk.com/document/orgapp/receive-message, quoted in the research §6.1).
 * The signature does NOT cover the body: a captured request can be replayed within the hour, so
 * the dedupe on `msgId` (kept far longer than an hour) is the replay defence.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** DingTalk's window either side of now. */
export const DINGTALK_TIMESTAMP_WINDOW_MS = 60 * 60 * 1000;

/** The `sign` header DingTalk computes for `timestamp`. */
export function dingtalkSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

/** Constant-time compare whatever the lengths (both sides hashed first). */
function safeEqual(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

/**
 * Why a callback's headers are refused, or null when they are genuine and fresh. Both checks
 * always run (the signature first), so the answer does not tell an attacker which one failed.
 */
export function checkDingtalkSignature(input: {
  timestamp: string | undefined;
  sign: string | undefined;
  appSecret: string;
  now: Date;
  windowMs?: number;
}): string | null {
  const { timestamp, sign, appSecret, now } = input;
  if (!timestamp || !sign) return 'missing timestamp or sign header';
  if (!/^\d{1,16}$/.test(timestamp.trim())) return 'unparseable timestamp';
  const signed = safeEqual(dingtalkSign(timestamp.trim(), appSecret), sign.trim());
  const skew = Math.abs(now.getTime() - Number(timestamp.trim()));
  if (!signed) return 'bad signature';
  if (skew > (input.windowMs ?? DINGTALK_TIMESTAMP_WINDOW_MS)) return `timestamp outside window (skew ${Math.round(skew / 1000)} s)`;
  return null;
}
